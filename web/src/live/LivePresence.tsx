import { useTranslation } from "react-i18next";
import { useAuth } from "../auth.js";
import { useLiveIncident, type LiveMode } from "./useLiveIncident.js";
import type { LiveViewer } from "../../../shared/schemas/live.js";

/** Who else has the incident open now, and whether changes arrive live or by polling. */
export function LivePresence({ viewers, mode }: { viewers: LiveViewer[]; mode: LiveMode }) {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const others = viewers.filter((v) => v.id !== user?.id);
  const names = new Intl.ListFormat(i18n.language, { type: "conjunction" }).format(others.map((v) => v.name));
  return (
    <div className="live-presence" data-mode={mode}>
      <span className={`live-dot live-${mode}`} title={t(mode === "live" ? "live:mode.live" : mode === "polling" ? "live:mode.polling" : "live:mode.connecting")}>
        {t(mode === "live" ? "live:mode.live" : mode === "polling" ? "live:mode.polling" : "live:mode.connecting")}
      </span>
      <span role="status" aria-live="polite">
        {others.length > 0 && t("live:viewing", { names })}
      </span>
    </div>
  );
}

/** The incident page's live link: refreshes on others' changes and shows who else is viewing. */
export function LiveIncident({ incidentId, onChange }: { incidentId: string; onChange: () => void }) {
  const live = useLiveIncident(incidentId, onChange);
  return <LivePresence {...live} />;
}
