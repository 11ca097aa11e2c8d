import { timingSafeEqual } from "node:crypto";
import type { Request } from "express";
import { cookieOf } from "../../http/cookies.js";
import * as oidc from "openid-client";
import type { AppContext } from "../../context.js";
import { sha256 } from "../tokens.js";
import type { OidcProvider } from "./providers.js";
import { SsoRefusal } from "./refusal.js";
import { asText } from "../../../shared/text.js";

export const OIDC_COOKIE = "vakt_oidc";
export const CALLBACK_PATH = "/auth/oidc/callback";
const FLOW_MINUTES = 10;

interface StoredFlow {
  providerId: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: Date;
}

export interface FinishedFlow {
  provider: OidcProvider;
  /** The validated ID token's claims. */
  idToken: oidc.IDToken;
  /** ID token claims over user-info claims (user info fills e-mail or groups the ID token left out). */
  claims: Record<string, unknown>;
}

/**
 * The authorization-code flow with PKCE (S256), state and nonce through openid-client. The
 * transient values live in the database (any instance finishes what another started; single
 * use), and the `state` also sits in a short-lived cookie that binds the flow to the browser
 * that started it (no login CSRF: a callback URL sent to a victim carries no cookie).
 */
export function oidcFlow(app: AppContext) {
  const discovered = new Map<string, Promise<oidc.Configuration>>();
  const redirectUri = `${app.config.publicUrl}${CALLBACK_PATH}`;

  function configuration(provider: OidcProvider): Promise<oidc.Configuration> {
    let found = discovered.get(provider.id);
    if (!found) {
      const insecure = new URL(provider.issuer).protocol === "http:" && app.config.NODE_ENV !== "production";
      found = oidc.discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, oidc.ClientSecretBasic(provider.clientSecret), {
        // The ID token's signature is checked against the provider's keys even though it came over TLS.
        execute: [oidc.enableNonRepudiationChecks, ...(insecure ? [oidc.allowInsecureRequests] : [])],
        timeout: 10,
      });
      discovered.set(provider.id, found);
      // A failed discovery is tried again on the next sign-in rather than remembered.
      found.catch(() => discovered.delete(provider.id));
    }
    return found.catch((e: unknown) => {
      throw new SsoRefusal("provider_unreachable", { provider: provider.label }, String((e as Error).message ?? e));
    });
  }

  async function start(provider: OidcProvider, loginHint?: string): Promise<{ url: URL; state: string }> {
    const config = await configuration(provider);
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const now = Date.now();
    await app.prisma.oidcLoginState.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
    await app.prisma.oidcLoginState.create({
      data: { id: sha256(state), providerId: provider.id, nonce, codeVerifier, expiresAt: new Date(now + FLOW_MINUTES * 60_000) },
    });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: provider.scopes,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      ...(loginHint ? { login_hint: loginHint } : {}),
    });
    return { url, state };
  }

  /** Takes the flow named by `state` out of the database: a second use of the same callback finds nothing. */
  async function takeFlow(state: string): Promise<StoredFlow | null> {
    const rows = await app.prisma.$queryRaw<StoredFlow[]>`
      DELETE FROM "OidcLoginState" WHERE id = ${sha256(state)} RETURNING "providerId", nonce, "codeVerifier", "expiresAt"`;
    const flow = rows[0];
    return flow && new Date(flow.expiresAt).getTime() > Date.now() ? flow : null;
  }

  async function finish(req: Request, providers: OidcProvider[]): Promise<FinishedFlow> {
    const state = typeof req.query.state === "string" ? req.query.state : "";
    const cookie = cookieOf(req, OIDC_COOKIE);
    const bound = typeof cookie === "string" && cookie.length === state.length && state.length > 0
      && timingSafeEqual(Buffer.from(cookie), Buffer.from(state));
    if (!bound) throw new SsoRefusal("flow_invalid", {}, state ? "state does not match the browser's cookie" : "no state");
    const flow = await takeFlow(state);
    if (!flow) throw new SsoRefusal("flow_invalid", {}, "unknown, used or expired state");
    const provider = providers.find((p) => p.id === flow.providerId);
    if (!provider) throw new SsoRefusal("unknown_provider", {}, flow.providerId);
    if (typeof req.query.error === "string")
      throw new SsoRefusal("provider_error", { provider: provider.label, reason: req.query.error.slice(0, 80) }, asText(req.query.error_description));
    const config = await configuration(provider);
    const callbackUrl = new URL(redirectUri);
    callbackUrl.search = new URL(req.originalUrl, redirectUri).search;
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier, expectedState: state, expectedNonce: flow.nonce, idTokenExpected: true,
      });
    } catch (e) {
      const err = e as { message?: string; code?: string; error?: string };
      throw new SsoRefusal("token_invalid", { provider: provider.label }, [err.code, err.error, err.message].filter(Boolean).join(": "));
    }
    const idToken = tokens.claims()!;
    let userInfo: Record<string, unknown> = {};
    const missing = typeof idToken.email !== "string" || !(provider.groupsClaim in idToken);
    if (missing && config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      userInfo = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub).catch((e: unknown) => {
        app.logger.warn({ err: e, provider: provider.id }, "OIDC user info could not be read; using the ID token alone");
        return {};
      });
    }
    return { provider, idToken, claims: { ...userInfo, ...idToken } };
  }

  return { start, finish, redirectUri };
}
