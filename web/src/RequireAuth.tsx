import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { isPortalPath, SECURITY_PATH, useAuth } from "./auth.js";
import { ProveFactorPage } from "./mfa/ProveFactor.js";

/** Renders its children for a signed-in user; otherwise sends them to sign in and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, retry } = useAuth();
  const { t } = useTranslation();
  const location = useLocation();
  if (state.status === "loading") return <p className="page-status" role="status">{t("admin:session.loading")}</p>;
  if (state.status === "error")
    return (
      <div className="page-status" role="alert">
        <p>{t("admin:session.unreachable", { reason: state.message })}</p>
        <button type="button" onClick={retry}>{t("admin:session.tryAgain")}</button>
      </div>
    );
  if (state.status === "signedOut") {
    const next = location.pathname + location.search;
    const q = new URLSearchParams();
    if (next !== "/") q.set("next", next);
    if (state.expired) q.set("expired", "1");
    const qs = q.toString();
    return <Navigate to={`/signin${qs ? `?${qs}` : ""}`} replace />;
  }
  // A second factor owed: prove it (e.g. after SSO), or, under MFA_REQUIRED, enrol one before anything else.
  if (state.mfa?.pending === "prove") return <ProveFactorPage />;
  if (state.mfa?.pending === "enrol" && location.pathname !== SECURITY_PATH) return <Navigate to={SECURITY_PATH} replace />;
  // A controller user only has the portal: it lands there after sign-in and from any staff page.
  if (state.user.role === "controller" && !isPortalPath(location.pathname) && location.pathname !== SECURITY_PATH) return <Navigate to="/portal" replace />;
  return <>{children}</>;
}
