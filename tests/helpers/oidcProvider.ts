/**
 * A real OpenID Connect provider (the `oidc-provider` package) on its own port, behind a small
 * HTTP proxy the test controls: the proxy passes everything through, and can rewrite the ID
 * token in the token endpoint's answer (re-signed with the provider's key or another one) to
 * play a compromised or misbehaving provider.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload } from "jose";

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
  [claim: string]: unknown;
}

export interface IdTokenTamper {
  /** Changes the ID token's claims before it is re-signed. */
  claims?: (claims: JWTPayload) => JWTPayload;
  /** Sign with a key the provider does not publish (same kid). */
  foreignKey?: boolean;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Set to rewrite the next token responses' ID tokens; undefined passes them through. */
  tamper: IdTokenTamper | undefined;
  /** Token endpoint answers seen (status), to tell whether a code reached the provider. */
  tokenCalls: number[];
  stop(): Promise<void>;
}

const listen = (server: http.Server) =>
  new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));

async function signingKey() {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" } as JWK;
}

export async function startTestProvider(opts: { redirectUri: string; accounts: Record<string, TestAccount>; clientId?: string }): Promise<TestProvider> {
  const accounts = new Map(Object.entries(opts.accounts));
  const jwk = await signingKey();
  const foreign = await signingKey();
  const proxy = http.createServer();
  const proxyPort = await listen(proxy);
  const issuer = `http://127.0.0.1:${proxyPort}`;
  const clientId = opts.clientId ?? "vakt-test";
  const clientSecret = "test-client-secret-0123456789abcdef";

  const oidc = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [opts.redirectUri], response_types: ["code"], grant_types: ["authorization_code"] }],
    jwks: { keys: [jwk] },
    pkce: { required: () => true },
    // Claims in the ID token itself, as Entra, Google, Keycloak and Feide can be set up to do.
    conformIdTokenClaims: false,
    claims: {
      openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "given_name", "family_name"],
      groups: ["groups"], "userid-feide": ["https://n.feide.no/claims/eduPersonPrincipalName"],
    },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: () => ({ sub, ...account }) } : undefined;
    },
    cookies: { keys: ["test-cookie-key-0123456789"] },
    features: { devInteractions: { enabled: true } },
  });
  const target = http.createServer(oidc.callback());
  const targetPort = await listen(target);

  const state: TestProvider = { issuer, clientId, clientSecret, accounts, tamper: undefined, tokenCalls: [], stop: async () => {
    await Promise.all([proxy, target].map((s) => new Promise((r) => { s.closeAllConnections(); s.close(r); })));
  } };

  proxy.on("request", (req, res) => {
    const upstream = http.request({ host: "127.0.0.1", port: targetPort, path: req.url, method: req.method, headers: req.headers }, async (up) => {
      const isToken = req.url?.startsWith("/token");
      if (!isToken) {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      for await (const c of up) chunks.push(c as Buffer);
      let body = Buffer.concat(chunks).toString();
      state.tokenCalls.push(up.statusCode ?? 0);
      if (state.tamper && up.statusCode === 200) body = JSON.stringify(await tamperIdToken(JSON.parse(body), state.tamper, state.tamper.foreignKey ? foreign : jwk));
      const headers = { ...up.headers, "content-length": String(Buffer.byteLength(body)) };
      res.writeHead(up.statusCode ?? 502, headers);
      res.end(body);
    });
    req.pipe(upstream);
  });
  return state;
}

async function tamperIdToken(body: { id_token: string }, tamper: IdTokenTamper, key: JWK) {
  const claims = tamper.claims ? tamper.claims(decodeJwt(body.id_token)) : decodeJwt(body.id_token);
  const header = decodeProtectedHeader(body.id_token);
  const id_token = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: header.kid ?? "test-key" }).sign(await importJWK(key, "RS256"));
  return { ...body, id_token };
}

/** A tiny cookie jar per host, enough for the provider's and the app's cookies. */
class Jar {
  private readonly byHost = new Map<string, Map<string, string>>();
  header(url: URL) {
    return [...(this.byHost.get(url.host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  store(url: URL, res: Response) {
    const jar = this.byHost.get(url.host) ?? new Map<string, string>();
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair.indexOf("=");
      const value = pair.slice(at + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === "") jar.delete(pair.slice(0, at));
      else jar.set(pair.slice(0, at), value);
    }
    this.byHost.set(url.host, jar);
  }
  get(url: URL, name: string) {
    return this.byHost.get(url.host)?.get(name);
  }
  set(url: URL, name: string, value: string) {
    const jar = this.byHost.get(url.host) ?? new Map<string, string>();
    jar.set(name, value);
    this.byHost.set(url.host, jar);
  }
}

/** The provider's login or consent form on a page: where it posts and its fields. */
function readForm(html: string, login: string): { action: string; fields: Record<string, string> } | null {
  const form = /<form[^>]*action="([^"]+)"[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return null;
  const fields: Record<string, string> = {};
  for (const m of form[2].matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]] = m[2];
  if (/name="login"/.test(form[2])) Object.assign(fields, { login, password: "any-password" });
  return { action: form[1].replace(/&amp;/g, "&"), fields };
}

/**
 * Signs in over HTTP as a browser would, following redirects by hand and submitting the
 * provider's login and consent forms, and stops at Vakt's callback without calling it.
 */
export async function ssoUntilCallback(appUrl: string, loginPath: string, login: string, jar = new Jar()) {
  let url = new URL(loginPath, appUrl);
  let init: RequestInit = { method: "GET" };
  for (let hop = 0; hop < 20; hop++) {
    if (url.pathname === "/auth/oidc/callback") return { callbackUrl: url, jar };
    const res = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as object), cookie: jar.header(url) } });
    jar.store(url, res);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get("location")!, url);
      init = { method: "GET" };
      continue;
    }
    const html = await res.text();
    const form = res.status === 200 ? readForm(html, login) : null;
    if (!form) throw new Error(`unexpected ${res.status} at ${url.href}: ${html.slice(0, 300)}`);
    url = new URL(form.action, url);
    init = { method: "POST", body: new URLSearchParams(form.fields).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } };
  }
  throw new Error("too many redirects");
}

/** Calls Vakt's callback with the browser's cookies: the result page or redirect, and the session cookie when one was set. */
export async function callCallback(callbackUrl: URL, jar: Jar) {
  const res = await fetch(callbackUrl, { redirect: "manual", headers: { cookie: jar.header(callbackUrl), "accept-language": "en" } });
  jar.store(callbackUrl, res);
  return { status: res.status, location: res.headers.get("location"), html: await res.text(), session: jar.get(callbackUrl, "vakt_session") };
}

export { Jar };

/** A free port for the app, so PUBLIC_URL and the provider's redirect URI are known before it starts. */
export async function freePort(): Promise<number> {
  const s = http.createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}
