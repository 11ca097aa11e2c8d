import type { Store, Options, IncrementResponse } from "express-rate-limit";
import type { Prisma } from "../db/client.js";
import { sha256 } from "./tokens.js";

/**
 * express-rate-limit store kept in the database, so that the limit holds across every app
 * instance behind a load balancer (the in-memory default would multiply it by the instance count).
 * Keys are stored hashed: part of a key comes from the request (the sign-in e-mail before it is
 * validated), so it may be of any length or hold characters the database refuses.
 */
export class DatabaseRateLimitStore implements Store {
  constructor(private readonly prisma: Prisma, readonly prefix: string, private windowMs = 60_000) {}

  private keyOf(key: string) {
    return this.prefix + sha256(key);
  }

  init(options: Options) {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const now = new Date();
    const reset = new Date(now.getTime() + this.windowMs);
    const rows = await this.prisma.$queryRaw<{ hits: number; resetAt: Date }[]>`
      INSERT INTO "RateLimit" (key, hits, "resetAt") VALUES (${this.keyOf(key)}, 1, ${reset})
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN "RateLimit"."resetAt" <= ${now} THEN 1 ELSE "RateLimit".hits + 1 END,
        "resetAt" = CASE WHEN "RateLimit"."resetAt" <= ${now} THEN ${reset} ELSE "RateLimit"."resetAt" END
      RETURNING hits, "resetAt"`;
    return { totalHits: rows[0].hits, resetTime: new Date(rows[0].resetAt) };
  }

  async decrement(key: string) {
    await this.prisma.$executeRaw`UPDATE "RateLimit" SET hits = GREATEST(hits - 1, 0) WHERE key = ${this.keyOf(key)}`;
  }

  async resetKey(key: string) {
    await this.prisma.$executeRaw`DELETE FROM "RateLimit" WHERE key = ${this.keyOf(key)}`;
  }
}
