import { Router, type Request, type Response } from "express";
import { z } from "zod";
import { SignInOptions, SignInOptionsQuery } from "../../../shared/schemas/auth.js";
import { emailDomain, normalizeEmail } from "../../../shared/email.js";
import type { AppContext } from "../../context.js";
import { redirectResponse, route } from "../../http/route.js";
import { messagePage } from "../../http/pages.js";
import { readerLanguage } from "../../http/language.js";
import { translator } from "../../../shared/i18n/index.js";
import { appendAudit, inTransaction } from "../../audit/service.js";
import { cookieOptions } from "../sessions.js";
import { startSignedInSession } from "../signIn.js";
import { idpAssertedMfa, readIdentity } from "./claims.js";
import { CALLBACK_PATH, OIDC_COOKIE, oidcFlow } from "./flow.js";
import type { OidcProvider } from "./providers.js";
import { provisionUser } from "./provision.js";
import { SsoRefusal } from "./refusal.js";
import { requestIdOf } from "../../http/requestId.js";

const LoginQuery = z.object({
  /** A provider id; may be left out when only one staff provider is configured. */
  provider: z.string().max(40).optional(),
  /** The user's e-mail: picks the provider by its domain and is passed on as login_hint. */
  login_hint: z.string().max(320).optional(),
});

const matchesDomain = (p: OidcProvider, email: string) => email.includes("@") && p.emailDomains.includes(emailDomain(email));

/** Single sign-on: the sign-in page's options, the start (/auth/oidc/login) and the return (/auth/oidc/callback). */
export function oidcRoutes(app: AppContext): Router {
  const router = Router();
  const providers = app.config.oidcProviders;
  const flow = oidcFlow(app);
  const flowCookie = { ...cookieOptions(app), path: "/auth/oidc", maxAge: 10 * 60_000 };

  /** A refusal as a page in the reader's language, audited as a failed sign-in; no session is created. */
  async function refuse(req: Request, res: Response, refusal: SsoRefusal) {
    app.logger.warn({ reason: refusal.reason, detail: refusal.detail }, "single sign-on refused");
    await inTransaction(app.prisma, (tx) =>
      appendAudit(tx, { actorId: null, actorLabel: refusal.vars.email || "anonymous", requestId: requestIdOf(req) }, {
        action: "auth.login_failed", targetType: "user", targetId: null,
        after: { method: "oidc", reason: refusal.reason, detail: refusal.detail?.slice(0, 300) ?? null },
      }),
    );
    const lang = readerLanguage(req);
    const t = translator(lang);
    const message = t(`sso:refusals.${refusal.reason}`, { provider: "", email: "", reason: "", ...refusal.vars });
    res.clearCookie(OIDC_COOKIE, { path: "/auth/oidc" });
    const status = refusal.reason === "provider_unreachable" ? 502 : refusal.reason === "unknown_provider" ? 404 : 403;
    res.status(status).type("html").setHeader("cache-control", "no-store")
      .send(messagePage({ lang, title: t("sso:title"), message, alert: true, back: { href: "/signin", label: t("sso:back") } }));
  }

  route(router, app, {
    method: "get", path: "/api/auth/sign-in-options", tag: "auth", summary: "Sign-in buttons: staff providers, and an organisation's own provider for a matching e-mail",
    auth: "public", query: SignInOptionsQuery, response: SignInOptions,
    handler: ({ query }) => {
      const email = normalizeEmail(query.email ?? "");
      // An organisation's provider is shown only to its own domain: the page does not list customers.
      const shown = providers.filter((p) => !p.organizationId || matchesDomain(p, email));
      return {
        passwordLogin: app.config.PASSWORD_LOGIN,
        providers: shown.map((p) => ({
          id: p.id, label: p.label, matchesEmail: matchesDomain(p, email),
          loginUrl: `/auth/oidc/login?provider=${encodeURIComponent(p.id)}${email ? `&login_hint=${encodeURIComponent(email)}` : ""}`,
        })),
      };
    },
  });

  route(router, app, {
    method: "get", path: "/auth/oidc/login", tag: "auth", status: 302, auth: "public", query: LoginQuery,
    response: redirectResponse("To the identity provider (or a page saying why not)"),
    summary: "Start single sign-on: redirects to the identity provider (authorization code, PKCE S256, state, nonce)",
    handler: async ({ req, res, query }) => {
      const hint = query.login_hint ? normalizeEmail(query.login_hint) : undefined;
      const staff = providers.filter((p) => !p.organizationId);
      const provider = query.provider
        ? providers.find((p) => p.id === query.provider)
        : (hint && providers.find((p) => matchesDomain(p, hint))) || (staff.length === 1 ? staff[0] : undefined);
      try {
        if (!provider) throw new SsoRefusal("unknown_provider", {}, query.provider ?? "no provider named");
        const { url, state } = await flow.start(provider, hint);
        res.cookie(OIDC_COOKIE, state, flowCookie);
        res.redirect(302, url.href);
      } catch (e) {
        if (!(e instanceof SsoRefusal)) throw e;
        await refuse(req, res, e);
      }
    },
  });

  route(router, app, {
    method: "get", path: CALLBACK_PATH, tag: "auth", status: 302, auth: "public", response: redirectResponse("Signed in: to the app (or a page saying why not)"),
    summary: "Single sign-on return (the redirect URI PUBLIC_URL/auth/oidc/callback): validates and signs in, or shows why not",
    handler: async ({ req, res }) => {
      try {
        const done = await flow.finish(req, providers);
        const identity = readIdentity(done.provider, done.claims);
        const mfa = idpAssertedMfa({ amr: done.idToken.amr, acr: done.idToken.acr, mfaAcr: done.provider.mfaAcr, idpEnforcesMfa: done.provider.idpEnforcesMfa });
        await inTransaction(app.prisma, async (tx) => {
          const user = await provisionUser({ tx, provider: done.provider, issuer: done.idToken.iss, identity, requestId: requestIdOf(req) });
          await startSignedInSession({
            tx, app, req, res, user, method: "oidc", factor: mfa ? "idp" : null, mfaAt: mfa ? new Date() : null,
            detail: { provider: done.provider.id, idpMfa: mfa },
          });
        });
        res.clearCookie(OIDC_COOKIE, { path: "/auth/oidc" });
        res.redirect(302, "/");
      } catch (e) {
        if (!(e instanceof SsoRefusal)) throw e;
        await refuse(req, res, e);
      }
    },
  });
  return router;
}
