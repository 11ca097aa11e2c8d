import type { Client } from "./client.js";

export interface SseEvent { event: string; data: unknown }

/**
 * A server-sent event stream opened as `client` (its cookie), read as it arrives. `next(name)` waits for the next
 * event of that name (earlier ones of other names are kept in `seen`); `close()` drops the connection.
 */
export async function openStream(client: Client, path: string) {
  const abort = new AbortController();
  const res = await fetch(client.baseUrl + path, { headers: { cookie: client.cookie, accept: "text/event-stream" }, signal: abort.signal });
  const seen: SseEvent[] = [];
  const waiters: { name: string; resolve: (e: SseEvent) => void; from: number }[] = [];
  const deliver = () => {
    for (const w of [...waiters]) {
      const i = seen.findIndex((e, n) => n >= w.from && e.event === w.name);
      if (i >= 0) {
        waiters.splice(waiters.indexOf(w), 1);
        w.from = i + 1;
        w.resolve(seen[i]);
      }
    }
  };
  let cursor = 0;
  if (res.ok && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = "";
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event && data) seen.push({ event, data: JSON.parse(data) as unknown });
          }
          deliver();
        }
      } catch { /* aborted */ }
    })();
  }
  return {
    status: res.status,
    headers: res.headers,
    seen,
    /** The next event of this name after the last one `next` returned, or a rejection after `ms`. */
    next(name: string, ms = 5000): Promise<SseEvent> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${name}" event within ${ms} ms; saw ${JSON.stringify(seen)}`)), ms);
        waiters.push({ name, from: cursor, resolve: (e) => { clearTimeout(timer); cursor = seen.indexOf(e) + 1; resolve(e); } });
        deliver();
      });
    },
    close: () => abort.abort(),
  };
}
