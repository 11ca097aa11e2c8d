import { ipKeyGenerator } from "express-rate-limit";
import type { Prisma } from "../db/client.js";
import { normalizeEmail } from "../../shared/email.js";
import { DatabaseRateLimitStore } from "./rateLimitStore.js";

export const THROTTLE_WINDOW_MS = 15 * 60_000;

export interface ThrottleLimits {
  /** Failures per (address, account). */
  perAddressAndAccount: number;
  /** Failures per account from every address (guessing spread over many addresses). */
  perAccount: number;
  /** Failures per address across accounts (password spraying). */
  perAddress: number;
}

/**
 * Sign-in throttling that counts failures only. Each attempt reserves one hit on three
 * counters in the database (so the limits hold across instances and concurrent guesses
 * cannot overtake the check), and a successful sign-in gives its reservation back.
 * The account is keyed by the normalised e-mail (`normalizeEmail`), the address by
 * express's req.ip (the client only when TRUST_PROXY names the proxies; see docs/security/passwords.md),
 * IPv6 grouped by /56 so one host cannot rotate through its own prefix.
 */
export class SignInThrottle {
  private readonly store: DatabaseRateLimitStore;
  constructor(prisma: Prisma, private readonly limits: ThrottleLimits) {
    this.store = new DatabaseRateLimitStore(prisma, "signin:", THROTTLE_WINDOW_MS);
  }

  private keys(email: string, ip: string | undefined) {
    const account = normalizeEmail(email);
    const address = ipKeyGenerator(ip ?? "unknown");
    return [
      { key: `pair:${address}:${account}`, limit: this.limits.perAddressAndAccount },
      { key: `account:${account}`, limit: this.limits.perAccount },
      { key: `address:${address}`, limit: this.limits.perAddress },
    ];
  }

  /**
   * Counts the attempt as a failure in advance. `allowed` is false when any limit is
   * exceeded (the password must then not be checked); call `succeeded()` after a good sign-in.
   */
  async attempt(email: string, ip: string | undefined): Promise<{ allowed: boolean; retryAt: Date; succeeded(): Promise<void> }> {
    const keys = this.keys(email, ip);
    const hits = await Promise.all(keys.map((k) => this.store.increment(k.key)));
    const over = hits.filter((h, i) => h.totalHits > keys[i].limit);
    const retryAt = new Date(Math.max(Date.now(), ...over.map((h) => h.resetTime?.getTime() ?? 0)));
    return {
      allowed: over.length === 0,
      retryAt,
      succeeded: async () => {
        for (const k of keys) await this.store.decrement(k.key);
      },
    };
  }
}
