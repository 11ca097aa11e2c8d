import { useTranslation } from "react-i18next";
import { Countdown } from "../breach/Countdown.js";
import { formatDateTime } from "../format.js";
import type { PortalIncidentView } from "../notices/api.js";

/**
 * Our two clocks side by side: the processor's deadline to notify us (our data processing
 * agreement) and our own 72 hours to notify our supervisory authority (Art. 33(1)), which run
 * from when the processor's first notice reached us.
 */
export function PortalDeadlines({ deadlines: d, reported }: { deadlines: PortalIncidentView["deadlines"]; reported: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="portal-deadlines" aria-labelledby="portal-deadlines-h">
      <h2 id="portal-deadlines-h">{t("portal:deadlines.title")}</h2>
      <dl>
        <div>
          <dt>{t("portal:deadlines.own")}</dt>
          <dd>
            {d.controller
              ? <>
                  <Countdown dueAt={d.controller.dueAt} done={reported} />
                  <div className="hint">
                    {d.controller.basis === "acknowledged"
                      ? t("portal:deadlines.fromAcknowledged", { at: formatDateTime(d.controller.awareAt) })
                      : t("portal:deadlines.fromDelivered", { at: formatDateTime(d.controller.awareAt) })}
                  </div>
                </>
              : <span className="muted">{t("portal:deadlines.notStarted")}</span>}
          </dd>
        </div>
        {d.processor && (
          <div>
            <dt>{t("portal:deadlines.processor", { hours: d.processor.hours })}</dt>
            <dd>
              <Countdown dueAt={d.processor.dueAt} done={d.processor.metAt !== null} />
              {d.processor.metAt && <div className="hint">{t("portal:deadlines.processorMet", { at: formatDateTime(d.processor.metAt) })}</div>}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
