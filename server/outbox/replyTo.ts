import type { Config } from "../config.js";
import type { Tx } from "../db/client.js";

/**
 * The Reply-To of every mail to a controller: MAIL_REPLY_TO, else the vendor organisation's first
 * contact; never the sender's own address (by default vakt@localhost, which nobody reads).
 */
export async function controllerReplyTo(tx: Tx, config: Config): Promise<string | undefined> {
  if (config.MAIL_REPLY_TO) return config.MAIL_REPLY_TO;
  const vendor = await tx.organization.findFirst({ where: { self: true }, select: { contacts: true } });
  const first = ((vendor?.contacts ?? []) as { email?: string }[]).find((c) => c.email && !/@localhost$/i.test(c.email));
  return first?.email;
}
