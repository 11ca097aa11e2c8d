import type { AppContext } from "../context.js";
import { SYSTEM_ACTOR } from "../audit/service.js";
import type { Tx } from "../db/client.js";
import { randomPassword } from "../auth/passwords.js";
import { passwordProblem } from "../auth/passwordPolicy.js";
import { createUser } from "./service.js";
import { normalizeEmail } from "../../shared/email.js";

/**
 * On first start (no users yet) creates the administrator from ADMIN_EMAIL / ADMIN_PASSWORD,
 * or with a random password printed once to the log.
 */
export async function ensureFirstAdmin(tx: Tx, ctx: AppContext) {
  if ((await tx.user.count()) > 0) return null;
  const email = normalizeEmail(ctx.config.ADMIN_EMAIL ?? "admin@vakt.local");
  const given = ctx.config.ADMIN_PASSWORD;
  const problem = given ? passwordProblem({ password: given, email }) : null;
  if (problem) throw new Error(`ADMIN_PASSWORD ${problem}`);
  const password = given ?? randomPassword();
  const user = await createUser(tx, SYSTEM_ACTOR, { email, name: "Administrator", role: "admin", password });
  if (given) ctx.logger.info({ email }, "first administrator created from ADMIN_EMAIL/ADMIN_PASSWORD");
  // Printed once, on purpose: there is no other way to learn a generated password.
  else process.stdout.write(`\n  First administrator: ${email}\n  Password (shown once): ${password}\n\n`);
  return user;
}
