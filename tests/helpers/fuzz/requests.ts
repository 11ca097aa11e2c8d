import http from "node:http";
import zlib from "node:zlib";
import fc from "fast-check";
import { KNOWN_ID, hostileString, hostileValue, rootContext, valueOf, type Context, type JsonSchema } from "./schemaArbitrary.js";

/** One endpoint as the OpenAPI document describes it (or, for the few routes outside it, as listed by the test). */
export interface Operation {
  method: string;
  /** OpenAPI path, e.g. /api/incidents/{id}. */
  path: string;
  params: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
  body?: JsonSchema;
  /** The body is an HTML form (application/x-www-form-urlencoded), as on the acknowledgement page. */
  form?: boolean;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: Operation["params"]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export function operationsOf(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: op.parameters ?? [],
      body: op.requestBody?.content["application/json"]?.schema,
    })),
  );
}

/** A request as generated: ids may still be KNOWN_ID placeholders. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Compress the body as its Content-Encoding says (otherwise the header lies). */
  compress: boolean;
}

/** Percent-encodes like encodeURIComponent, but sends a lone surrogate as the (invalid) UTF-8 bytes a careless client would. */
export function encodeComponent(s: string): string {
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    out += code >= 0xd800 && code <= 0xdfff
      ? Buffer.from([0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]).toString("hex").replace(/(..)/g, "%$1").toUpperCase()
      : encodeURIComponent(ch);
  }
  return out;
}

/** Path segments sent as they are: broken escapes, an encoded lone surrogate, traversal, overlong UTF-8, very long. */
const rawSegment = fc.constantFrom("%ZZ", "%", "%E0%A4%A", "%00", "%C0%AF", "%ED%A0%80", "%2F", "..", "%2e%2e", "%F0%9F%98", "x".repeat(3000), "%25ZZ");

const asText = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v) ?? "");

function pathArbitrary(op: Operation, ctx: Context) {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const segment = (name: string) => {
    const schema = op.params.find((p) => p.in === "path" && p.name === name)?.schema ?? { type: "string" };
    const shaped = valueOf(schema, ctx).map((v) => encodeComponent(asText(v)));
    return ctx.rough ? fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 2, arbitrary: rawSegment }) : shaped;
  };
  return fc.tuple(...names.map(segment)).map((values) => names.reduce((p, name, i) => p.replace(`{${name}}`, values[i]), op.path));
}

function queryArbitrary(op: Operation, ctx: Context) {
  const params = op.params.filter((p) => p.in === "query");
  const pair = (name: string, v: unknown) => `${encodeComponent(name)}=${encodeComponent(asText(v))}`;
  const own = fc.tuple(...params.map((p) => fc.option(valueOf(p.schema, ctx).map((v) => (Array.isArray(v) ? v : [v]).map((x) => pair(p.name, x))), { freq: 2 })));
  const stray = fc.option(fc.oneof(fc.constantFrom("%ZZ=1", "limit=%ZZ", "a[b][c]=1", "__proto__[x]=1", "q=%00", "q=%ED%A0%80&q=2", "&&=&"), hostileString.map((s) => pair(s, s))), { freq: 3 });
  return fc.tuple(own, ctx.rough ? stray : fc.constant(null)).map(([pairs, extra]) => {
    const all = [...pairs.flat().filter((x): x is string => x !== null), ...(extra === null ? [] : [extra])];
    return all.length ? `?${all.join("&")}` : "";
  });
}

const rawBodies = fc.constantFrom(
  "", "{", "[]", "null", "\"x\"", "{\"__proto__\":{\"admin\":true}}", "{\"title\":\"\\ud800\"}", "{\"title\":\"a\\u0000b\"}", "{\"a\":".repeat(200),
  `${"[".repeat(3000)}${"]".repeat(3000)}`, "\u0000", "\xff\xfe{}", "name=%ZZ&name=%00",
);

function bodyArbitrary(op: Operation, ctx: Context): fc.Arbitrary<string | undefined> {
  if (op.form) return (ctx.rough ? hostileString : fc.string()).map((name) => `name=${encodeComponent(name)}`);
  if (!op.body) return ctx.rough ? fc.option(rawBodies, { freq: 3, nil: undefined }) : fc.constant(undefined);
  if (!ctx.rough) return valueOf(op.body, ctx).map((v) => JSON.stringify(v) ?? "");
  return fc.oneof(
    { weight: 8, arbitrary: valueOf(op.body, ctx).map((v) => JSON.stringify(v) ?? "") },
    { weight: 1, arbitrary: rawBodies },
    { weight: 1, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? "") },
  );
}

/** What a well-behaved client sends. */
const calmHeaders = fc.record({
  "content-type": fc.constantFrom("application/json", "application/json; charset=utf-8"),
  "content-encoding": fc.option(fc.constantFrom("gzip", "deflate", "br", "identity"), { freq: 4, nil: undefined }),
  accept: fc.constantFrom("application/json", "*/*"),
});

const roughHeaders = (anonymous: boolean) =>
  fc.record({
    "content-type": fc.constantFrom(
      "application/json", "application/json", "application/json", "application/json; charset=utf-8", "application/json; charset=latin1",
      "application/json; charset=utf-16", "application/json; charset=bogus", "text/plain", "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x", "application/merge-patch+json", "application/json; charset=\"utf-8\"; x=y", "*/*",
    ),
    "content-encoding": fc.option(fc.constantFrom("gzip", "deflate", "br", "identity", "x-bogus", "gzip, gzip"), { freq: 5, nil: undefined }),
    accept: fc.constantFrom("application/json", "*/*", "text/html", "application/pdf", "text/csv;q=0.1, */*;q=0.01"),
    "accept-language": fc.constantFrom("sv", "nb-NO,nb;q=0.9", "*", "xx-YY;q=abc", "en"),
    "x-request-id": fc.option(fc.stringMatching(/^[\x21-\x7e]{1,150}$/), { nil: undefined }),
    ...(anonymous
      ? {
          cookie: fc.option(fc.constantFrom("vakt_session=garbage", "vakt_session=%ZZ", "vakt_session=", `vakt_session=${"a".repeat(3000)}`), { nil: undefined }),
          authorization: fc.option(fc.constantFrom("Bearer garbage", "Bearer ", "Basic Zm9vOmJhcg==", `Bearer ${"%00".repeat(50)}`), { nil: undefined }),
        }
      : {}),
  });

/** Requests for one operation: paths, query strings, bodies and headers drawn from its OpenAPI shapes, mixed with hostile input. */
export function requestArbitrary(op: Operation, components: Record<string, JsonSchema>, anonymous: boolean): fc.Arbitrary<FuzzRequest> {
  const draw = (rough: boolean) => {
    const ctx = rootContext(components, rough);
    const headers: fc.Arbitrary<Record<string, string | undefined>> = rough ? roughHeaders(anonymous) : calmHeaders;
    return fc.record({
      path: pathArbitrary(op, ctx), query: queryArbitrary(op, ctx), body: bodyArbitrary(op, ctx), headers, compress: rough ? fc.boolean() : fc.constant(true),
    });
  };
  return fc.oneof(draw(false), draw(true)).map(({ path, query, body, headers, compress }) => ({
    method: op.method,
    path: path + query,
    headers: Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>,
    body: op.method === "GET" || op.method === "DELETE" ? undefined : body,
    compress,
  }));
}

/** Replaces each KNOWN_ID placeholder with an id the app handed out. */
export function withKnownIds(req: FuzzRequest, pool: readonly string[]): FuzzRequest {
  const swap = (s: string) => s.replace(new RegExp(`${KNOWN_ID.replace("#", "%23")}(\\d+)|${KNOWN_ID}(\\d+)`, "g"), (_m, a, b) => pool[Number(a ?? b) % pool.length]);
  return { ...req, path: swap(req.path), body: req.body === undefined ? undefined : swap(req.body) };
}

function encodeBody(req: FuzzRequest): Buffer | undefined {
  if (req.body === undefined) return undefined;
  const raw = Buffer.from(req.body, "utf8");
  if (!req.compress) return raw;
  const encoding = req.headers["content-encoding"];
  if (encoding === "gzip") return zlib.gzipSync(raw);
  if (encoding === "deflate") return zlib.deflateSync(raw);
  if (encoding === "br") return zlib.brotliCompressSync(raw);
  return raw;
}

/** Sends the request byte for byte (fetch would normalise the path) and returns the status and the start of the body. */
export function send(baseUrl: string, req: FuzzRequest, extraHeaders: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const body = encodeBody(req);
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host: url.hostname, port: url.port, method: req.method, path: req.path, timeout: 30_000,
        headers: { ...req.headers, ...extraHeaders, ...(body ? { "content-length": String(body.length) } : {}) },
      },
      (res) => {
        // An event stream stays open: its status answers the request.
        if (String(res.headers["content-type"] ?? "").startsWith("text/event-stream")) {
          resolve({ status: res.statusCode ?? 0, text: "" });
          r.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8").slice(0, 2000) }));
        res.on("error", reject);
      },
    );
    r.on("timeout", () => r.destroy(new Error(`no answer within 30 s: ${req.method} ${req.path}`)));
    r.on("error", reject);
    r.end(body);
  });
}

/** The failing request as a command to paste into a shell. */
export function asCurl(baseUrl: string, req: FuzzRequest): string {
  const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
  const headers = Object.entries(req.headers).map(([k, v]) => `-H ${q(`${k}: ${v}`)}`).join(" ");
  const body = req.body === undefined ? "" : ` --data-binary ${q(req.body)}${req.compress && req.headers["content-encoding"] ? " (compressed as its Content-Encoding says)" : ""}`;
  return `curl -X ${req.method} --path-as-is ${q(baseUrl + req.path)} ${headers}${body}`;
}
