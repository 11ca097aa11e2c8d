import { useEffect, useState } from "react";
import { Link } from "react-router";
import { Trans, useTranslation } from "react-i18next";
import { ErrorMessage } from "../components.js";
import { formatDateTime, useTitle } from "../format.js";
import { portalApi, type PortalIncidents } from "../notices/api.js";
import { NoticeStatusBadge, usePhaseLabel } from "../notices/labels.js";
import "../notices/notices.css";

type Load = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; data: PortalIncidents };

/** The controller portal's start: incidents our processor notified to my organisation, newest first. */
export function PortalHome() {
  const { t } = useTranslation();
  const phase = usePhaseLabel();
  useTitle(t("portal:home.title"));
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    portalApi.incidents().then((data) => live && setLoad({ state: "ready", data }), (error: unknown) => live && setLoad({ state: "error", error }));
    return () => { live = false; };
  }, [attempt]);

  return (
    <div className="page narrow-wide">
      <div className="page-head">
        <h1>{t("portal:home.title")}</h1>
      </div>
      {load.state === "loading" && <p className="muted loading" role="status">{t("portal:home.loading")}</p>}
      {load.state === "error" && (
        <>
          <ErrorMessage error={load.error} title={t("portal:home.loadFailed")} />
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>{t("portal:home.tryAgain")}</button>
        </>
      )}
      {load.state === "ready" && (
        <>
          <p className="lead">
            <Trans i18nKey="portal:home.lead" values={{ organization: load.data.organization.name }} components={{ strong: <strong /> }} />
          </p>
          {load.data.items.length === 0 ? (
            <p className="empty">{t("portal:home.empty", { organization: load.data.organization.name })}</p>
          ) : (
            <section className="card" aria-label={t("portal:home.listLabel")}>
              <ul className="portal-incidents">
                {load.data.items.map((i) => (
                  <li key={i.id}>
                    <p className="reference mono">{i.reference}</p>
                    <h2><Link to={`/portal/incidents/${i.id}`}>{i.title}</Link></h2>
                    <p className="muted">
                      {t("portal:home.latest", { phase: phase(i.latestNotice.phase) })} <NoticeStatusBadge status={i.latestNotice.status} />
                      {i.latestNotice.sentAt && <> · {formatDateTime(i.latestNotice.sentAt)}</>}
                      {" · "}{t("portal:home.notices", { count: i.notices })}
                      {i.unacknowledged > 0 && <> · <strong>{t("portal:home.toAcknowledge", { count: i.unacknowledged })}</strong></>}
                      {i.openQuestions > 0 && <> · {t("portal:home.openQuestions", { count: i.openQuestions })}</>}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
