import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import i18next from "i18next";
import { ROLE_LABELS } from "../format.js";
import type { z } from "zod";
import type { AccessReviewResponse, DeactivatedUnused } from "../../../shared/schemas/accessReview.js";
import type { UserView } from "../../../shared/schemas/auth.js";
import { request } from "../api.js";
import { mfaApi, type FactorSummary } from "../mfa/mfaApi.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, useAnnounce } from "../components.js";
import { SecurityEvents } from "./SecurityEvents.js";
import { formatDateTime, relativeTime, useNow, useTitle } from "../format.js";

type AccessReview = z.infer<typeof AccessReviewResponse>;

const accessApi = {
  review: () => request<AccessReview>("GET", "/api/access-review"),
  deactivate: (id: string) => request<z.infer<typeof UserView>>("PATCH", `/api/users/${encodeURIComponent(id)}`, { active: false }),
  deactivateUnused: () => request<z.infer<typeof DeactivatedUnused>>("POST", "/api/access-review/deactivate-unused", {}),
};

function factorText(f: FactorSummary): string | null {
  const parts = [
    ...(f.totp ? [i18next.t("admin:access.authenticatorApp")] : []),
    ...(f.passkeys ? [i18next.t("admin:access.passkeys", { count: f.passkeys })] : []),
  ];
  return parts.length ? i18next.t("admin:access.factors", { factors: parts.join(", "), count: f.recoveryCodesLeft }) : null;
}

type Load = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; review: AccessReview };

/** /access-review — who has access, when they last used it, and the accounts nobody uses any more. */
export function AccessReviewPage() {
  const { t } = useTranslation();
  useTitle(t("admin:access.title"));
  const { can, user } = useAuth();
  const announce = useAnnounce();
  const now = useNow(60_000);
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const allowed = can("access.review");
  const manage = can("user.manage");

  useEffect(() => {
    if (!allowed) return;
    let live = true;
    accessApi.review().then((review) => live && setLoad({ state: "ready", review }), (e: unknown) => live && setLoad({ state: "error", error: e }));
    return () => { live = false; };
  }, [allowed, attempt]);

  const act = async (key: string, fn: () => Promise<string>) => {
    setBusy(key);
    setError(null);
    try {
      const message = await fn();
      setLoad({ state: "ready", review: await accessApi.review() });
      announce(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  if (!allowed)
    return (
      <div className="page narrow">
        <h1>{t("admin:access.title")}</h1>
        <p className="alert alert-info">{t("admin:access.notAllowed")}</p>
      </div>
    );
  if (load.state !== "ready")
    return (
      <div className="page">
        <h1>{t("admin:access.title")}</h1>
        {load.state === "loading" ? <p className="muted loading" role="status">{t("admin:access.loading")}</p> : (
          <>
            <ErrorMessage error={load.error} title={t("admin:access.loadFailed")} />
            <button type="button" onClick={() => setAttempt((n) => n + 1)}>{t("admin:tryAgain")}</button>
          </>
        )}
      </div>
    );

  const { review } = load;
  const flagged = review.users.filter((u) => u.flaggedUnused);
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("admin:access.title")}</h1>
        {manage && flagged.length > 0 && (
          <button type="button" className="secondary" disabled={busy !== null}
            onClick={() => void act("all", async () => t("admin:access.unusedDeactivated", { count: (await accessApi.deactivateUnused()).deactivated.length }))}>
            {t("admin:access.deactivateAllUnused", { count: flagged.length })}
          </button>
        )}
      </div>
      <p className="lead">
        {t("admin:access.lead", { days: review.unusedDays, since: formatDateTime(review.cutoff) })}{" "}
        {flagged.length === 0 ? t("admin:access.flaggedNone") : t("admin:access.flagged", { count: flagged.length })}{" "}
        {t("admin:access.audited")}
      </p>
      <div aria-live="assertive"><ErrorMessage error={error} title={t("admin:access.actFailed")} /></div>
      <div className="table-wrap">
        <table className="access-review">
          <caption className="visually-hidden">{t("admin:access.caption")}</caption>
          <thead>
            <tr>
              {[...["user", "role", "organisation", "lastSignIn", "factors", "tokens", "status"].map((c) => t(`admin:access.columns.${c}`)), ...(manage ? [""] : [])]
                .map((c, i) => <th key={i} scope="col">{c}</th>)}
            </tr>
          </thead>
          <tbody>
            {review.users.map((u) => (
              <tr key={u.id} className={u.active ? (u.flaggedUnused ? "flagged" : undefined) : "inactive"}>
                <td><strong>{u.name}</strong><div className="hint">{u.email}</div></td>
                <td>{ROLE_LABELS[u.role] ?? u.role}</td>
                <td>{u.organization?.name ?? <span className="muted">—</span>}</td>
                <td className="nowrap">
                  {u.lastSignInAt ? <time dateTime={u.lastSignInAt} title={formatDateTime(u.lastSignInAt)}>{relativeTime(u.lastSignInAt, now)}</time> : <span className="muted">{t("admin:access.never")}</span>}
                </td>
                <td>{factorText(u.factors) ?? <span className="muted">{t("admin:access.none")}</span>}</td>
                <td>
                  {u.tokens.length === 0 ? <span className="muted">{t("admin:access.none")}</span> : (
                    <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
                      {u.tokens.map((tk) => (
                        <li key={tk.id}>
                          {tk.name}{tk.revoked && <span className="muted"> {t("admin:access.revoked")}</span>}
                          <span className="hint"> — {t("admin:access.lastUsed", { when: tk.lastUsedAt ? relativeTime(tk.lastUsedAt, now) : t("admin:access.neverLower") })}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {!u.active ? <span className="badge">{t("admin:access.deactivated")}</span>
                    : u.flaggedUnused ? <span className="badge against" title={t("admin:access.unusedFor", { count: review.unusedDays })}>{t("admin:access.unused")}</span>
                      : <span className="badge verify-valid">{t("admin:access.active")}</span>}
                </td>
                {manage && (
                  <td>
                    {(u.factors.totp || u.factors.passkeys > 0) && u.id !== user?.id && (
                      <button type="button" className="secondary" disabled={busy !== null} aria-label={t("admin:access.resetOf", { name: u.name })}
                        onClick={() => void act(u.id, async () => { await mfaApi.resetUser(u.id); return t("admin:access.resetDone", { name: u.name }); })}>
                        {t("admin:access.reset")}
                      </button>
                    )}{" "}
                    {u.active && u.id !== user?.id && (
                      <button type="button" className="secondary" disabled={busy !== null} aria-label={t("admin:access.deactivateOf", { name: u.name })}
                        onClick={() => void act(u.id, async () => { await accessApi.deactivate(u.id); return t("admin:access.deactivatedDone", { name: u.name }); })}>
                        {t("admin:access.deactivate")}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SecurityEvents />
    </div>
  );
}
