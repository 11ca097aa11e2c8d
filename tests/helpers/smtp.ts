import { SMTPServer } from "smtp-server";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { freePort } from "./postgres.js";

export { freePort };

export interface ReceivedMail {
  mail: ParsedMail;
  /** Envelope recipients (RCPT TO), including Cc. */
  rcptTo: string[];
}

export interface TestSmtp {
  url: string;
  port: number;
  /** Every message accepted, parsed back with mailparser. */
  messages: ParsedMail[];
  received: ReceivedMail[];
  /** Refuse the next `count` messages after DATA with this reply code (4xx temporary, 5xx permanent). */
  refuseNext(count: number, code: number, message?: string): void;
  /** Waits until `predicate` holds for the accepted messages, or fails after `timeoutMs`. */
  waitFor(predicate: (messages: ParsedMail[]) => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The addresses of a To/Cc header, lower-cased and sorted. */
export function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase())).sort();
}

/**
 * A real SMTP server on loopback (the smtp-server package) that parses every message it receives.
 * acceptDelayMs holds each reply to DATA that long (a slow server: senders are caught mid-delivery).
 */
export async function startSmtp(port?: number, opts: { acceptDelayMs?: number } = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const messages: ParsedMail[] = [];
  let refusals: { count: number; code: number; message: string } = { count: 0, code: 451, message: "" };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    closeTimeout: 500,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          if (opts.acceptDelayMs) await new Promise((r) => setTimeout(r, opts.acceptDelayMs));
          if (refusals.count > 0) {
            refusals.count--;
            callback(Object.assign(new Error(refusals.message), { responseCode: refusals.code }));
            return;
          }
          messages.push(mail);
          received.push({ mail, rcptTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()).sort() });
          callback();
        })
        .catch(callback);
    },
  });
  const p = port ?? (await freePort());
  await new Promise<void>((resolve) => server.listen(p, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${p}`,
    port: p,
    messages,
    received,
    refuseNext(count, code, message = code >= 500 ? "Mailbox unavailable" : "Try again later") {
      refusals = { count, code, message };
    },
    async waitFor(predicate, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (!predicate(messages)) {
        if (Date.now() > until) throw new Error(`SMTP: condition not met within ${timeoutMs} ms (${messages.length} messages: ${messages.map((m) => m.subject).join(" | ")})`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
