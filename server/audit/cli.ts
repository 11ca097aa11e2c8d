/**
 * The audit log from the command line (docs/security/audit.md), with the app's environment:
 *   npm run audit:verify [-- --checkpoints <file> ...]   verify the chain against the checkpoint file (and
 *                                                        the given copies, e.g. from the auditors' mails);
 *                                                        exit 0 intact, 1 broken, 2 could not verify
 *   npm run audit:keys -- rotate                         add a new current key to the key file (then restart the app)
 *   npm run audit:keys -- public                         each key id with its checkpoint public key, for auditors
 * Stop the app before verifying an embedded (PGlite) database: it is single-process.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError, loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { checkpointDir, fileCheckpointStore } from "./checkpoints.js";
import { AuditKeyError, keyringPath, loadAuditKeyring, publicKeyBase64, rotateKeyringFile } from "./keys.js";
import { verifyChain } from "./verify.js";

type Out = (line: string) => void;
const USAGE = "usage: audit verify [--checkpoints <file>]... | audit keys rotate | audit keys public";

async function verifyCommand(env: Record<string, string | undefined>, args: string[], out: Out): Promise<number> {
  const extra: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== "--checkpoints" || !args[i + 1]) throw new UsageError(USAGE);
    extra.push(path.resolve(args[++i]));
  }
  const config = loadConfig(env);
  const dir = checkpointDir(config);
  if (!dir) throw new UsageError("set AUDIT_CHECKPOINT_DIR (or a DATA_DIR on disk): a memory:// database has no checkpoints to verify against");
  const keyring = loadAuditKeyring(config, { create: false });
  const checkpoints = fileCheckpointStore(dir, extra);
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    const r = await verifyChain({ prisma: db.prisma, keyring, checkpoints });
    const newest = r.checkpoints.latest ? ` (newest: entry ${r.checkpoints.latest.seq}, ${r.checkpoints.latest.at})` : "";
    out(`Audit log: ${r.entries} entries read, ${r.checkpoints.checked} checkpoints${newest} from ${[checkpoints.where, ...extra].join(", ")}; keys: ${keyring.source}`);
    if (r.valid) {
      out("OK: the chain is intact and matches every checkpoint.");
      return 0;
    }
    out(`BROKEN${r.firstInvalidSeq !== undefined ? ` at entry ${r.firstInvalidSeq}` : ""} (${r.problem}): ${r.reason}`);
    return 1;
  } finally {
    await db.close();
  }
}

function keysCommand(env: Record<string, string | undefined>, args: string[], out: Out): number {
  const config = loadConfig(env);
  if (args[0] === "rotate") {
    if (config.AUDIT_KEY) throw new UsageError('AUDIT_KEY is set: rotate by putting "<new id>:<new secret>," in front of it');
    const file = keyringPath(config);
    if (!file) throw new UsageError("set AUDIT_KEY_FILE (or a DATA_DIR on disk)");
    out(`New current audit key ${rotateKeyringFile(file)} in ${file}; the old keys stay for verification. Restart the app to use it.`);
    return 0;
  }
  if (args[0] === "public") {
    const ring = loadAuditKeyring(config, { create: false });
    for (const key of ring.byId.values()) out(`${key.id}${key.id === ring.current.id ? " (current)" : ""}  ${publicKeyBase64(key)}`);
    return 0;
  }
  throw new UsageError(USAGE);
}

class UsageError extends Error {}

/** Runs one command; returns the exit code (2: bad usage, configuration or keyring). */
export async function auditCli(argv: string[], env: Record<string, string | undefined>, out: Out, err: Out = out): Promise<number> {
  try {
    if (argv[0] === "verify") return await verifyCommand(env, argv.slice(1), out);
    if (argv[0] === "keys") return keysCommand(env, argv.slice(1), out);
    throw new UsageError(USAGE);
  } catch (e) {
    if (!(e instanceof UsageError || e instanceof ConfigError || e instanceof AuditKeyError)) throw e;
    err((e as Error).message);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  auditCli(process.argv.slice(2), process.env, (l) => process.stdout.write(`${l}\n`), (l) => process.stderr.write(`${l}\n`)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exit(2);
    },
  );
}
