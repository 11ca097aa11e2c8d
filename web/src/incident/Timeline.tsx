import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TimelinePage } from "../../../shared/schemas/timeline.js";
import { timelineGroups } from "../../../shared/timelineGroups.js";
import { request } from "../api.js";
import { ErrorMessage, Section } from "../components.js";
import { formatDateTime, readerParams, relativeTime, useNow } from "../format.js";
import { useIncident } from "./context.js";

type Item = TimelinePage["items"][number];

/** What happened to the incident and who did it, as sentences in the reader's language, newest first, a page at a time. */
export function TimelineSection() {
  const { incident } = useIncident();
  const { t, i18n } = useTranslation();
  const now = useNow(60_000);
  const [kind, setKind] = useState("");
  const [person, setPerson] = useState("");
  const [items, setItems] = useState<Item[] | null>(null);
  const [meta, setMeta] = useState<Pick<TimelinePage, "people" | "kinds" | "nextCursor">>({ people: [], kinds: [], nextCursor: null });
  const [error, setError] = useState<unknown>(null);

  const load = (cursor: string | null) => {
    const q = new URLSearchParams({ ...readerParams(), limit: "50" });
    if (cursor) q.set("cursor", cursor);
    if (kind) q.set("kind", kind);
    if (person) q.set("actorId", person);
    return request<TimelinePage>("GET", `/api/incidents/${incident.id}/timeline?${q}`);
  };
  // Reloaded when the incident changes (a save here or elsewhere), the language or a filter.
  useEffect(() => {
    let live = true;
    load(null).then((p) => { if (live) { setItems(p.items); setMeta(p); setError(null); } }, (e: unknown) => live && setError(e));
    return () => { live = false; };
  }, [incident.id, incident.version, incident.timeline.length, i18n.language, kind, person]);
  const more = async () => {
    const p = await load(meta.nextCursor);
    setItems((old) => [...(old ?? []), ...p.items]);
    setMeta(p);
  };

  return (
    <Section id="timeline" title={t("timeline:ui.title")}>
      <div className="timeline-filters">
        <label>{t("timeline:ui.kind")}{" "}
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t("timeline:ui.allKinds")}</option>
            {timelineGroups(meta.kinds).map(([g, ks]) => <option key={g} value={ks}>{t(`timeline:ui.groups.${g}`)}</option>)}
          </select>
        </label>{" "}
        <label>{t("timeline:ui.person")}{" "}
          <select value={person} onChange={(e) => setPerson(e.target.value)}>
            <option value="">{t("timeline:ui.allPeople")}</option>
            {meta.people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
      </div>
      {error ? <ErrorMessage error={error} title={t("timeline:ui.failed")} /> : null}
      {items === null ? (
        <p className="muted loading" role="status">{t("timeline:ui.loading")}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t("timeline:ui.empty")}</p>
      ) : (
        <ol className="timeline" aria-label={t("timeline:ui.listLabel")}>
          {items.map((e) => (
            <li key={e.id} data-kind={e.kind}>
              <p className="timeline-summary">{e.sentence}</p>
              <p className="timeline-meta">
                <time dateTime={e.at} title={formatDateTime(e.at)}>{relativeTime(e.at, now)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
      {meta.nextCursor && <button type="button" className="secondary small" onClick={() => void more()}>{t("timeline:ui.more")}</button>}
    </Section>
  );
}
