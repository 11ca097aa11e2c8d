import nodemailer, { type Transporter } from "nodemailer";
import type { AppContext } from "../context.js";

/** SMTP timeouts stay well inside the claim lease, so a hung server cannot outlive a claim. */
export const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

const transports = new WeakMap<AppContext, Transporter>();

/**
 * This instance's SMTP transport for SMTP_URL, or null when none is configured. Pooled: a batch
 * goes over a few open connections instead of one connection per message.
 */
export function mailTransport(ctx: AppContext): Transporter | null {
  const url = ctx.config.SMTP_URL;
  if (!url) return null;
  let t = transports.get(ctx);
  if (!t) {
    t = nodemailer.createTransport({ url, pool: true, maxConnections: 2, maxMessages: 500, ...SMTP_TIMEOUTS });
    transports.set(ctx, t);
  }
  return t;
}

/** Closes the pooled connections (on shutdown). */
export function closeMailTransport(ctx: AppContext) {
  transports.get(ctx)?.close();
  transports.delete(ctx);
}

/** The domain for Message-IDs, taken from MAIL_FROM ("Vakt <vakt@example.org>" -> example.org). */
export function messageIdDomain(mailFrom: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom)?.[1] ?? "vakt.invalid";
}
