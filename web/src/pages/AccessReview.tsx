import { useEffect, useState } from "react";
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
    ...(f.totp ? ["Authenticator app"] : []),
    ...(f.passkeys ? [`${f.passkeys} passkey${f.passkeys === 1 ? "" : "s"}`] : []),
  ];
  return parts.length ? `${parts.join(", ")} (${f.recoveryCodesLeft} recovery codes left)` : null;
}

type Load = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; review: AccessReview };

/** /access-review — who has access, when they last used it, and the accounts nobody uses any more. */
export function AccessReviewPage() {
  useTitle("Access review");
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
        <h1>Access review</h1>
        <p className="alert alert-info">Your role cannot review access. It is open to administrators and auditors.</p>
      </div>
    );
  if (load.state !== "ready")
    return (
      <div className="page">
        <h1>Access review</h1>
        {load.state === "loading" ? <p className="muted loading" role="status">Loading users…</p> : (
          <><ErrorMessage error={load.error} title="The access review could not be loaded." /><button type="button" onClick={() => setAttempt((n) => n + 1)}>Try again</button></>
        )}
      </div>
    );

  const { review } = load;
  const flagged = review.users.filter((u) => u.flaggedUnused);
  return (
    <div className="page">
      <div className="page-head">
        <h1>Access review</h1>
        {manage && flagged.length > 0 && (
          <button type="button" className="secondary" disabled={busy !== null}
            onClick={() => void act("all", async () => `${(await accessApi.deactivateUnused()).deactivated.length} unused accounts deactivated.`)}>
            Deactivate all {flagged.length} unused
          </button>
        )}
      </div>
      <p className="lead">
        Every account, its role and organisation, its last sign-in and its API tokens. Accounts not used for {review.unusedDays} days
        (since {formatDateTime(review.cutoff)}) are flagged: {flagged.length === 0 ? "none now" : `${flagged.length} now`}. Every deactivation is audited.
      </p>
      <div aria-live="assertive"><ErrorMessage error={error} title="The account could not be deactivated." /></div>
      <div className="table-wrap">
        <table className="access-review">
          <caption className="visually-hidden">Accounts and their API tokens</caption>
          <thead>
            <tr>{["User", "Role", "Organisation", "Last sign-in", "Second factors", "API tokens", "Status", ...(manage ? [""] : [])].map((c, i) => <th key={i} scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>
            {review.users.map((u) => (
              <tr key={u.id} className={u.active ? (u.flaggedUnused ? "flagged" : undefined) : "inactive"}>
                <td><strong>{u.name}</strong><div className="hint">{u.email}</div></td>
                <td>{ROLE_LABELS[u.role] ?? u.role}</td>
                <td>{u.organization?.name ?? <span className="muted">—</span>}</td>
                <td className="nowrap">
                  {u.lastSignInAt ? <time dateTime={u.lastSignInAt} title={formatDateTime(u.lastSignInAt)}>{relativeTime(u.lastSignInAt, now)}</time> : <span className="muted">Never</span>}
                </td>
                <td>{factorText(u.factors) ?? <span className="muted">None</span>}</td>
                <td>
                  {u.tokens.length === 0 ? <span className="muted">None</span> : (
                    <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
                      {u.tokens.map((t) => (
                        <li key={t.id}>
                          {t.name}{t.revoked && <span className="muted"> (revoked)</span>}
                          <span className="hint"> — last used {t.lastUsedAt ? relativeTime(t.lastUsedAt, now) : "never"}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {!u.active ? <span className="badge">Deactivated</span>
                    : u.flaggedUnused ? <span className="badge against" title={`Not used for ${review.unusedDays} days`}>Unused</span>
                      : <span className="badge verify-valid">Active</span>}
                </td>
                {manage && (
                  <td>
                    {(u.factors.totp || u.factors.passkeys > 0) && u.id !== user?.id && (
                      <button type="button" className="secondary" disabled={busy !== null} aria-label={`Reset second factors of ${u.name}`}
                        onClick={() => void act(u.id, async () => { await mfaApi.resetUser(u.id); return `Second factors of ${u.name} reset; their sessions ended.`; })}>
                        Reset factors
                      </button>
                    )}{" "}
                    {u.active && u.id !== user?.id && (
                      <button type="button" className="secondary" disabled={busy !== null} aria-label={`Deactivate ${u.name}`}
                        onClick={() => void act(u.id, async () => { await accessApi.deactivate(u.id); return `${u.name} deactivated.`; })}>
                        Deactivate
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
