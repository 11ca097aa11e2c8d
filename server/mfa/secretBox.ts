import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * TOTP secrets at rest. With MFA_ENCRYPTION_KEY: AES-256-GCM under a key derived from it (HKDF),
 * the user id as associated data so a ciphertext cannot be moved to another account. Without a
 * key: stored as "plain:" (the database is then the secret's only protection; docs/security/mfa.md).
 */
export interface SecretBox {
  seal(plain: string, userId: string): string;
  open(stored: string, userId: string): string;
}

const deriveKey = (key: string) => Buffer.from(hkdfSync("sha256", key, "vakt-mfa", "totp-secret", 32));

export function secretBox(key: string | undefined): SecretBox {
  const aesKey = key ? deriveKey(key) : null;
  return {
    seal(plain, userId) {
      if (!aesKey) return `plain:${plain}`;
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", aesKey, iv).setAAD(Buffer.from(userId));
      const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return ["gcm", iv, cipher.getAuthTag(), ct].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(":");
    },
    open(stored, userId) {
      if (stored.startsWith("plain:")) return stored.slice("plain:".length);
      const [kind, iv, tag, ct] = stored.split(":");
      if (kind !== "gcm" || !iv || !tag || !ct) throw new Error("Unknown TOTP secret format.");
      if (!aesKey) throw new Error("The TOTP secret is encrypted but MFA_ENCRYPTION_KEY is not set.");
      const decipher = createDecipheriv("aes-256-gcm", aesKey, Buffer.from(iv, "base64url")).setAAD(Buffer.from(userId));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
    },
  };
}
