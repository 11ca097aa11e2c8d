import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import type { Logger } from "./logger.js";
import type { TaxonomyCategory } from "../shared/taxonomy.js";

/** What every route and job needs; built once in main.ts (or by the test harness). */
export interface AppContext {
  config: Config;
  db: Database;
  prisma: Database["prisma"];
  logger: Logger;
  taxonomy: TaxonomyCategory[];
  /** Unique id of this app instance (job leases, outbox claims). */
  instanceId: string;
}
