import pg from "pg";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { LIVE_CHANNEL, LiveNotification } from "../../shared/schemas/live.js";

/** Carries live notifications between every instance on the same database (and to this one). */
export interface LiveTransport {
  /** Starts listening; resolves once notifications published from now on will arrive. */
  start(onMessage: (m: LiveNotification) => void): Promise<void>;
  publish(m: LiveNotification): Promise<void>;
  close(): Promise<void>;
}

function parse(payload: string | undefined, logger: Logger): LiveNotification | null {
  try {
    const parsed = LiveNotification.safeParse(JSON.parse(payload ?? ""));
    if (parsed.success) return parsed.data;
  } catch { /* logged below */ }
  logger.warn({ channel: LIVE_CHANNEL }, "ignored a live notification that is not one of ours");
  return null;
}

/**
 * PostgreSQL: one dedicated connection per instance LISTENs (a pooled one would be handed to other queries), and
 * reconnects after a drop; NOTIFY from any instance reaches all of them, the sender included.
 */
function pgTransport(db: Extract<Database, { kind: "pg" }>, logger: Logger): LiveTransport {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (onMessage: (m: LiveNotification) => void): Promise<void> => {
    const c = new pg.Client({ connectionString: db.connectionString });
    c.on("notification", (n) => {
      if (n.channel !== LIVE_CHANNEL) return;
      const m = parse(n.payload, logger);
      if (m) onMessage(m);
    });
    c.on("error", (err) => {
      logger.warn({ err }, "live listener connection lost; reconnecting");
      client = null;
      void c.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void connect(onMessage).catch((e: unknown) => logger.warn({ err: e }, "live listener reconnect failed")), 1000);
    });
    await c.connect();
    await c.query(`LISTEN ${LIVE_CHANNEL}`);
    client = c;
  };
  return {
    start: (onMessage) => connect(onMessage),
    publish: async (m) => { await db.pool.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, JSON.stringify(m)]); },
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}

/** PGlite is one process: its own LISTEN/NOTIFY delivers in-process, committed changes only, like PostgreSQL. */
function pgliteTransport(db: Extract<Database, { kind: "pglite" }>, logger: Logger): LiveTransport {
  let unlisten: (() => Promise<void>) | null = null;
  return {
    start: async (onMessage) => {
      unlisten = await db.pglite.listen(LIVE_CHANNEL, (payload) => {
        const m = parse(payload, logger);
        if (m) onMessage(m);
      });
    },
    publish: async (m) => { await db.pglite.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, JSON.stringify(m)]); },
    close: async () => { await unlisten?.().catch(() => undefined); },
  };
}

export function liveTransport(db: Database, logger: Logger): LiveTransport {
  return db.kind === "pg" ? pgTransport(db, logger) : pgliteTransport(db, logger);
}
