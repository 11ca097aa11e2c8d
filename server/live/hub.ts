import type { AppContext } from "../context.js";
import type { LiveChange, LiveNotification, LivePresenceSignal, LiveViewer } from "../../shared/schemas/live.js";
import { liveTransport, type LiveTransport } from "./transport.js";

/** A viewer not heard of for this many heartbeats (LIVE_HEARTBEAT_MS) has left: its instance stopped without saying so. */
const EXPIRES_AFTER_BEATS = 3;
/** Presence lists are sent at most this often per incident (several joins at once make one update). */
const PRESENCE_DEBOUNCE_MS = 100;

/** One open stream on this instance. */
export interface LiveSubscriber {
  connectionId: string;
  incidentId: string;
  userId: string;
  change(c: Pick<LiveChange, "seq" | "action">): void;
  presence(viewers: LiveViewer[]): void;
  /** Each heartbeat: keeps the connection open through proxies, and lets the stream re-check who it serves. */
  ping(): void;
}

/** One open list stream on this instance. */
export interface ListSubscriber {
  change(c: Pick<LiveChange, "incidentId" | "action">): void;
  ping(): void;
}

/**
 * Fans the database's notifications out to this instance's open streams and keeps who is viewing which incident,
 * from the presence signals of every instance (its own included, as they come back over the same channel).
 */
export class LiveHub {
  readonly #subs = new Map<string, Set<LiveSubscriber>>();
  readonly #listSubs = new Set<ListSubscriber>();
  readonly #viewers = new Map<string, { incidentId: string; userId: string; expiresAt: number }>();
  readonly #pending = new Map<string, NodeJS.Timeout>();
  #started: Promise<void> | null = null;
  #beat: NodeJS.Timeout | undefined;
  readonly #transport: LiveTransport;

  constructor(private readonly ctx: Pick<AppContext, "db" | "prisma" | "logger"> & { heartbeatMs: number }) {
    this.#transport = liveTransport(ctx.db, ctx.logger);
  }

  /** Listening starts with the first stream; resolves once changes from now on will arrive. */
  #start(): Promise<void> {
    this.#started ??= this.#transport.start((m) => this.#receive(m)).then(() => {
      this.#beat = setInterval(() => this.#heartbeat(), this.ctx.heartbeatMs);
      this.#beat.unref();
    }, (err: unknown) => {
      // The next stream tries again (the database may be back); this one fails with a 500 and the page polls.
      this.#started = null;
      throw err;
    });
    return this.#started;
  }

  /** A list's stream: hears of a change on any incident (the caller checks who may see it); no presence. */
  async subscribeAll(sub: ListSubscriber): Promise<() => void> {
    await this.#start();
    this.#listSubs.add(sub);
    return () => { this.#listSubs.delete(sub); };
  }

  /** Registers a stream (listening starts on the first); resolves once changes from now on will reach it. */
  async subscribe(sub: LiveSubscriber): Promise<() => void> {
    await this.#start();
    const set = this.#subs.get(sub.incidentId) ?? new Set();
    set.add(sub);
    this.#subs.set(sub.incidentId, set);
    await this.#signal(sub, "join");
    return () => {
      set.delete(sub);
      if (!set.size) this.#subs.delete(sub.incidentId);
      void this.#signal(sub, "leave");
    };
  }

  async close() {
    clearInterval(this.#beat);
    for (const t of this.#pending.values()) clearTimeout(t);
    this.#subs.clear();
    this.#listSubs.clear();
    await this.#transport.close();
  }

  #signal(sub: LiveSubscriber, state: LivePresenceSignal["state"]) {
    const { incidentId, connectionId, userId } = sub;
    return this.#transport.publish({ k: "presence", incidentId, connectionId, userId, state })
      .catch((err: unknown) => this.ctx.logger.warn({ err }, "live presence signal not sent"));
  }

  #receive(m: LiveNotification) {
    const local = this.#subs.get(m.incidentId);
    if (m.k === "change") {
      for (const s of local ?? []) s.change({ seq: m.seq, action: m.action });
      for (const s of this.#listSubs) s.change({ incidentId: m.incidentId, action: m.action });
      return;
    }
    const known = this.#viewers.has(m.connectionId);
    if (m.state === "leave") this.#viewers.delete(m.connectionId);
    else this.#viewers.set(m.connectionId, { incidentId: m.incidentId, userId: m.userId, expiresAt: Date.now() + EXPIRES_AFTER_BEATS * this.ctx.heartbeatMs });
    // A newcomer on another instance learns at once who is here already, not a heartbeat later.
    if (m.state === "join") for (const s of local ?? []) if (s.connectionId !== m.connectionId) void this.#signal(s, "here");
    if (!known || m.state === "leave") this.#presenceSoon(m.incidentId);
  }

  #heartbeat() {
    const now = Date.now();
    for (const [id, v] of this.#viewers)
      if (v.expiresAt < now) {
        this.#viewers.delete(id);
        this.#presenceSoon(v.incidentId);
      }
    for (const s of this.#listSubs) s.ping();
    for (const set of this.#subs.values())
      for (const s of set) {
        s.ping();
        void this.#signal(s, "here");
      }
  }

  #presenceSoon(incidentId: string) {
    if (!this.#subs.has(incidentId) || this.#pending.has(incidentId)) return;
    this.#pending.set(incidentId, setTimeout(() => {
      this.#pending.delete(incidentId);
      this.#sendPresence(incidentId).catch((err: unknown) => this.ctx.logger.warn({ err }, "live presence not sent"));
    }, PRESENCE_DEBOUNCE_MS));
  }

  async #sendPresence(incidentId: string) {
    const ids = [...new Set([...this.#viewers.values()].filter((v) => v.incidentId === incidentId).map((v) => v.userId))];
    const users = ids.length ? await this.ctx.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true }, orderBy: { name: "asc" } }) : [];
    for (const s of this.#subs.get(incidentId) ?? []) s.presence(users);
  }
}

const hubs = new WeakMap<object, LiveHub>();
/** This instance's hub (made on first use, so an instance nobody watches holds no listening connection). */
export function liveHub(ctx: AppContext): LiveHub {
  let hub = hubs.get(ctx.db);
  if (!hub) hubs.set(ctx.db, (hub = new LiveHub({ ...ctx, heartbeatMs: ctx.config.LIVE_HEARTBEAT_MS })));
  return hub;
}
export async function closeLiveHub(ctx: Pick<AppContext, "db">) {
  await hubs.get(ctx.db)?.close();
  hubs.delete(ctx.db);
}
