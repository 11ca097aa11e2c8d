import fs from "node:fs";
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from "age-encryption";
import type { Config } from "../config.js";
import { BackupError } from "./errors.js";

type KeyConfig = Pick<Config, "BACKUP_KEY" | "BACKUP_KEY_FILE" | "BACKUP_RECIPIENTS">;

/** The age identities from BACKUP_KEY and BACKUP_KEY_FILE (one a line, # comments), the current one first. */
export function backupIdentities(config: KeyConfig): string[] {
  const fromFile = config.BACKUP_KEY_FILE
    ? fs.readFileSync(config.BACKUP_KEY_FILE, "utf8").split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#"))
    : [];
  const bad = fromFile.find((l) => !/^AGE-SECRET-KEY-1[0-9A-Z]+$/.test(l));
  if (bad) throw new BackupError(`BACKUP_KEY_FILE holds a line that is not an age identity (AGE-SECRET-KEY-1...): "${bad.slice(0, 20)}..."`);
  return [...(config.BACKUP_KEY ? [config.BACKUP_KEY] : []), ...fromFile];
}

/** Whether backups can be written: a recipient or an identity is configured. */
export const canEncryptBackups = (config: KeyConfig) => Boolean(config.BACKUP_RECIPIENTS || config.BACKUP_KEY || config.BACKUP_KEY_FILE);

/** An encrypter for BACKUP_RECIPIENTS, else for the current identity's recipient. */
export async function backupEncrypter(config: KeyConfig): Promise<Encrypter> {
  const recipients = config.BACKUP_RECIPIENTS
    ? config.BACKUP_RECIPIENTS.split(",").map((r) => r.trim())
    : await Promise.all(backupIdentities(config).slice(0, 1).map((id) => identityToRecipient(id)));
  if (!recipients.length) throw new BackupError("No backup key: set BACKUP_KEY or BACKUP_KEY_FILE (or BACKUP_RECIPIENTS); npm run backup -- keygen makes one.");
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  return e;
}

/** A decrypter that tries every configured identity (old ones stay in BACKUP_KEY_FILE after a rotation). */
export function backupDecrypter(config: KeyConfig): Decrypter {
  const identities = backupIdentities(config);
  if (!identities.length) throw new BackupError("No backup key to open the backup with: set BACKUP_KEY or BACKUP_KEY_FILE.");
  const d = new Decrypter();
  for (const id of identities) d.addIdentity(id);
  return d;
}

/** A new identity and its recipient, for `npm run backup -- keygen`. */
export async function newBackupKey(): Promise<{ identity: string; recipient: string }> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}
