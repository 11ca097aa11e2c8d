import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import { freePort } from "./postgres.js";

export { freePort };

export interface TestSmtp {
  url: string;
  port: number;
  messages: ParsedMail[];
  stop(): Promise<void>;
}

/** A real SMTP server on loopback (the smtp-server package) that parses every message it receives. */
export async function startSmtp(port?: number): Promise<TestSmtp> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((m) => {
          messages.push(m);
          callback();
        })
        .catch(callback);
    },
  });
  const p = port ?? (await freePort());
  await new Promise<void>((resolve) => server.listen(p, "127.0.0.1", resolve));
  return { url: `smtp://127.0.0.1:${p}`, port: p, messages, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
