import type { AppContext } from "../context.js";
import { SYSTEM_ACTOR } from "../audit/service.js";
import type { Tx } from "../db/client.js";
import { randomPassword } from "../auth/passwords.js";
import { Password } from "../../shared/schemas/auth.js";
import { createUser } from "./service.js";

/**
 * On first start (no users yet) creates the administrator from ADMIN_EMAIL / ADMIN_PASSWORD,
 * or with a random password printed once to the log.
 */
export async function ensureFirstAdmin(tx: Tx, ctx: AppContext) {
  if ((await tx.user.count()) > 0) return null;
  const email = (ctx.config.ADMIN_EMAIL ?? "admin@vakt.local").toLowerCase();
  const given = ctx.config.ADMIN_PASSWORD;
  if (given) {
    const ok = Password.safeParse(given);
    if (!ok.success) throw new Error(`ADMIN_PASSWORD ${ok.error.issues[0].message}`);
  }
  const password = given ?? randomPassword();
  const user = await createUser(tx, SYSTEM_ACTOR, { email, name: "Administrator", role: "admin", password });
  if (given) ctx.logger.info({ email }, "first administrator created from ADMIN_EMAIL/ADMIN_PASSWORD");
  // Printed once, on purpose: there is no other way to learn a generated password.
  else process.stdout.write(`\n  First administrator: ${email}\n  Password (shown once): ${password}\n\n`);
  return user;
}
