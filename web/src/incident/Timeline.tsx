import { Section } from "../components.js";
import { formatDateTime, relativeTime, useNow } from "../format.js";
import { useIncident } from "./context.js";

/** What happened to the incident and who did it, newest first (from the audit trail). */
export function TimelineSection() {
  const { incident } = useIncident();
  const now = useNow(60_000);
  const entries = [...incident.timeline].reverse();
  return (
    <Section id="timeline" title="Timeline">
      {entries.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ol className="timeline" aria-label="Timeline, newest first">
          {entries.map((e) => (
            <li key={e.id}>
              <p className="timeline-summary">{e.summary}</p>
              <p className="timeline-meta">
                {e.actor.label} · <time dateTime={e.at} title={formatDateTime(e.at)}>{relativeTime(e.at, now)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
