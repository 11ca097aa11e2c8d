import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import i18next from "i18next";
import { request } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, useAnnounce } from "../components.js";
import { formatDateTime, useTitle } from "../format.js";
import { translatedLabels } from "../i18n.js";
import { PagedStatus, PagedTable, usePaged } from "../paging.js";
import "../notices/notices.css";
import { OUTBOX_STATUSES, type OutboxItem, type OutboxList, type OutboxMessageView, type OutboxStatus } from "../../../shared/schemas/outbox.js";

const PAGE_SIZE = 50;
const noSmtp = () => i18next.t("admin:outbox.noSmtpBadge");

const STATUS_LABELS = translatedLabels(OUTBOX_STATUSES, (s) => i18next.t(`admin:outbox.status.${s}`));

const outboxApi = {
  list: (status: string | undefined, cursor: string | undefined, signal?: AbortSignal) => {
    const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (status) q.set("status", status);
    if (cursor) q.set("cursor", cursor);
    return request<OutboxList>("GET", `/api/outbox?${q}`, undefined, { signal });
  },
  get: (id: string) => request<OutboxMessageView>("GET", `/api/outbox/${encodeURIComponent(id)}`),
  retry: (id: string) => request<OutboxItem>("POST", `/api/outbox/${encodeURIComponent(id)}/retry`, {}),
};

/** True when the message will never leave without an SMTP server (the embedded default). */
const stuckWithoutSmtp = (m: OutboxItem, smtp: boolean) => m.status === "undeliverable" || (!smtp && m.status === "pending");

function DeliveryBadge({ item, smtp }: { item: OutboxItem; smtp: boolean }) {
  if (stuckWithoutSmtp(item, smtp)) return <span className="badge mail-undelivered">{noSmtp()}</span>;
  return <span className={`badge mail-${item.status}`}>{STATUS_LABELS[item.status]}</span>;
}

/** "Outgoing mail" for administrators: every queued message, its delivery state, and a retry. */
export function OutboxPage() {
  const { t } = useTranslation();
  useTitle(t("admin:outbox.title"));
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const status = (OUTBOX_STATUSES as readonly string[]).includes(params.get("status") ?? "") ? (params.get("status") as OutboxStatus) : undefined;
  const allowed = can("outbox.read");
  // The list answer also says whether SMTP is configured and how many messages are in each state.
  const [meta, setMeta] = useState<Pick<OutboxList, "smtpConfigured" | "counts"> | null>(null);
  const [replaced, setReplaced] = useState<Record<string, OutboxItem>>({});
  const [open, setOpen] = useState<string | null>(null);
  const { load, loadMore, retry } = usePaged(status ?? "all", async (cursor, signal) => {
    const r = await outboxApi.list(status, cursor, signal);
    setMeta({ smtpConfigured: r.smtpConfigured, counts: r.counts });
    return r;
  }, allowed);

  if (!allowed)
    return (
      <div className="page narrow">
        <h1>{t("admin:outbox.title")}</h1>
        <p className="alert alert-info">{t("admin:outbox.notAllowed")}</p>
      </div>
    );

  const smtp = meta?.smtpConfigured ?? true;
  return (
    <div className="page">
      <div className="page-head"><h1>{t("admin:outbox.title")}</h1></div>
      <p className="lead">{t("admin:outbox.lead")}</p>
      {meta && !meta.smtpConfigured && (
        <p className="alert alert-warn" role="note">
          <strong>{t("admin:outbox.noSmtpTitle")}</strong> {t("admin:outbox.noSmtpText", { badge: noSmtp() })}
        </p>
      )}
      <nav className="outbox-filters" aria-label={t("admin:outbox.filterLabel")}>
        <FilterLink label={t("admin:outbox.all")} count={meta ? Object.values(meta.counts).reduce((a, b) => a + b, 0) : undefined} active={!status} onClick={() => setParams({})} />
        {OUTBOX_STATUSES.map((s) => (
          <FilterLink key={s} label={STATUS_LABELS[s]} count={meta?.counts[s]} active={status === s} onClick={() => setParams({ status: s })} />
        ))}
      </nav>
      <PagedStatus load={load} retry={retry} what={t("admin:outbox.what")} empty={<p>{status ? t("admin:outbox.emptyInState") : t("admin:outbox.empty")}</p>} />
      <PagedTable load={load} loadMore={loadMore} caption={t("admin:outbox.caption")} className="outbox"
        columns={[...["queued", "delivery", "recipients", "subject", "attempts", "lastError"].map((c) => t(`admin:outbox.columns.${c}`)), ""]}
        end={(n) => t("admin:outbox.end", { count: n })}>
        {(item) => {
          const m = replaced[item.id] ?? item;
          return (
            <OutboxRow key={m.id} item={m} smtp={smtp} mayRetry={can("outbox.manage")} open={open === m.id}
              onToggle={() => setOpen((o) => (o === m.id ? null : m.id))}
              onRetried={(u) => setReplaced((r) => ({ ...r, [u.id]: u }))} />
          );
        }}
      </PagedTable>
    </div>
  );
}

function FilterLink({ label, count, active, onClick }: { label: string; count?: number; active: boolean; onClick(): void }) {
  return (
    <button type="button" className={active ? "small" : "small secondary"} aria-pressed={active} onClick={onClick}>
      {label}{count !== undefined ? ` (${count})` : ""}
    </button>
  );
}

function OutboxRow({ item, smtp, mayRetry, open, onToggle, onRetried }: {
  item: OutboxItem; smtp: boolean; mayRetry: boolean; open: boolean; onToggle(): void; onRetried(u: OutboxItem): void;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Without SMTP a retry cannot deliver (the server refuses it); the banner above says so once.
  const retryable = smtp && (item.status === "failed" || item.status === "undeliverable" || (item.status === "pending" && item.attempts > 0));
  const doRetry = async () => {
    setBusy(true);
    setError(null);
    try {
      onRetried(await outboxApi.retry(item.id));
      announce(t("admin:outbox.requeued"));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <tr className={item.delivered ? undefined : "undelivered"}>
        <td className="nowrap"><time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time></td>
        <td>
          <DeliveryBadge item={item} smtp={smtp} />
          {item.sentAt && <div className="muted small-text">{t("admin:outbox.sentAt", { at: formatDateTime(item.sentAt) })}</div>}
        </td>
        <td>{[...item.to, ...item.cc].join(", ")}</td>
        <td>
          <button type="button" className="link-button" aria-expanded={open} onClick={onToggle}>{item.subject}</button>
          {item.incidentId && <div><Link to={`/incidents/${item.incidentId}`} className="muted">{t("admin:outbox.incident")}</Link></div>}
        </td>
        <td className="num">{item.attempts}</td>
        <td>{item.lastError ?? (item.delivered || stuckWithoutSmtp(item, smtp) ? "" : item.note)}</td>
        <td>
          {mayRetry && retryable && (
            <button type="button" className="small secondary" onClick={() => void doRetry()} disabled={busy} aria-label={t("admin:outbox.retryOf", { subject: item.subject })}>
              {busy ? t("admin:outbox.retrying") : t("admin:outbox.retry")}
            </button>
          )}
          <ErrorMessage error={error} title={t("admin:outbox.notRetried")} />
        </td>
      </tr>
      {open && (
        <tr className="outbox-detail">
          <td colSpan={7}><MessageDetail key={`${item.status}:${item.attempts}`} id={item.id} /></td>
        </tr>
      )}
    </>
  );
}

/** The message as it goes out: the plain-text part, and the HTML part in a sandboxed frame. */
function MessageDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ message?: OutboxMessageView; error?: unknown }>({});
  useEffect(() => {
    let live = true;
    outboxApi.get(id).then((message) => live && setState({ message }), (error: unknown) => live && setState({ error }));
    return () => { live = false; };
  }, [id]);
  if (state.error) return <ErrorMessage error={state.error} title={t("admin:outbox.loadFailed")} />;
  const m = state.message;
  if (!m) return <p className="muted loading">{t("admin:outbox.loadingMessage")}</p>;
  return (
    <div className="outbox-message">
      {m.note && <p className={m.delivered ? "muted" : "alert alert-warn"}>{m.note}</p>}
      <dl className="facts">
        <div><dt>{t("admin:outbox.to")}</dt><dd>{m.to.join(", ")}</dd></div>
        {m.cc.length > 0 && <div><dt>{t("admin:outbox.cc")}</dt><dd>{m.cc.join(", ")}</dd></div>}
        {m.replyTo && <div><dt>{t("admin:outbox.replyTo")}</dt><dd>{m.replyTo}</dd></div>}
        <div><dt>{t("admin:outbox.kind")}</dt><dd className="mono">{m.kind}</dd></div>
        {m.attachments.length > 0 && <div><dt>{t("admin:outbox.attachments")}</dt><dd>{m.attachments.map((a) => a.filename).join(", ")}</dd></div>}
        {m.response && <div><dt>{t("admin:outbox.serverReply")}</dt><dd className="mono">{m.response}</dd></div>}
      </dl>
      <h3>{t("admin:outbox.plainText")}</h3>
      <pre className="prewrap mail-text">{m.text}</pre>
      {m.html && (
        <>
          <h3>{t("admin:outbox.html")}</h3>
          {/* sandbox without permissions: no scripts, no navigation, no same-origin access */}
          <iframe className="mail-html" title={t("admin:outbox.htmlOf", { subject: m.subject })} sandbox="" srcDoc={m.html} />
        </>
      )}
    </div>
  );
}
