import type { z } from "zod";

/** A small HTTP client that behaves like the browser: keeps the session cookie and sends the CSRF token. */
export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A response body as its shared response schema types it (shared/schemas): parsed, so a test that reads it gets
 * typed fields, and fails naming the field if the shape differs. Bodies read without it stay untyped JSON.
 */
export function bodyOf<S extends z.ZodType>(schema: S, res: Res<unknown>): z.infer<S> {
  return schema.parse(res.body);
}

export class Client {
  cookie = "";
  csrf = "";
  bearer = "";
  /** Set by tests that need the signed-in user's id. */
  userId = "";
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h["content-type"] = "application/json";
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== "GET") h["x-csrf-token"] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0];
    // An event stream stays open: the status and headers answer the caller; read streams with tests/helpers/sse.ts.
    if (res.headers.get("content-type")?.startsWith("text/event-stream")) {
      await res.body?.cancel();
      return { status: res.status, body: "" as T, headers: res.headers };
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  get<T = any>(p: string) { return this.request<T>("GET", p); }
  post<T = any>(p: string, b?: unknown) { return this.request<T>("POST", p, b ?? {}); }
  patch<T = any>(p: string, b?: unknown) { return this.request<T>("PATCH", p, b ?? {}); }
  put<T = any>(p: string, b?: unknown) { return this.request<T>("PUT", p, b ?? {}); }
  del<T = any>(p: string) { return this.request<T>("DELETE", p); }

  static async login(baseUrl: string, email: string, password: string): Promise<Client> {
    const c = new Client(baseUrl);
    const r = await c.post("/api/auth/login", { email, password });
    if (r.status !== 200) throw new Error(`login ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
    c.csrf = r.body.csrfToken;
    return c;
  }
}

let n = 0;
/** Creates a user of `role` through the API (as admin) and signs them in. */
export async function userWithRole(admin: Client, role: string, extra: Record<string, unknown> = {}) {
  const email = `${role}-${Date.now()}-${n++}@example.test`;
  const password = "Str0ng-Passw0rd!";
  const r = await admin.post("/api/users", { email, name: `Test ${role} ${n}`, role, password, ...extra });
  if (r.status !== 201) throw new Error(`create ${role} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { user: r.body, client: await Client.login(admin.baseUrl, email, password) };
}
