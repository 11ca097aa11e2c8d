/** Keyset-paged lists ("Load more"): the loading state and the table around the rows. */
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import type { Page } from "./api.js";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "./components.js";

export type Paged<T> =
  | { state: "loading" }
  | { state: "error"; error: unknown }
  | { state: "ready"; items: T[]; nextCursor: string | null; more: "idle" | "loading" | { error: unknown } };

type FetchPage<T> = (cursor: string | undefined, signal?: AbortSignal) => Promise<Page<T>>;

/** Loads the first page whenever `key` changes (cancelling the previous request); `loadMore` appends. */
export function usePaged<T>(key: string, fetchPage: FetchPage<T>, enabled = true) {
  const [load, setLoad] = useState<Paged<T>>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  useEffect(() => {
    if (!enabled) return;
    const ctl = new AbortController();
    setLoad({ state: "loading" });
    fetchRef.current(undefined, ctl.signal).then(
      (p) => setLoad({ state: "ready", items: p.items, nextCursor: p.nextCursor, more: "idle" }),
      (error: unknown) => { if (!ctl.signal.aborted) setLoad({ state: "error", error }); },
    );
    return () => ctl.abort();
  }, [key, attempt, enabled]);

  const loadMore = useCallback(async () => {
    if (load.state !== "ready" || !load.nextCursor || load.more === "loading") return;
    setLoad({ ...load, more: "loading" });
    try {
      const p = await fetchRef.current(load.nextCursor);
      setLoad({ state: "ready", items: [...load.items, ...p.items], nextCursor: p.nextCursor, more: "idle" });
    } catch (error) {
      setLoad({ ...load, more: { error } });
    }
  }, [load]);

  // Quietly (no loading state): the first page again, for a change someone else made; further loaded pages stay.
  const refresh = useCallback(() => {
    fetchRef.current(undefined).then(
      (p) => setLoad((cur) => (cur.state === "ready" && cur.items.length > p.items.length
        ? { ...cur, items: [...p.items, ...cur.items.slice(p.items.length)] }
        : { state: "ready", items: p.items, nextCursor: p.nextCursor, more: "idle" })),
      () => { /* a failed background refresh changes nothing */ },
    );
  }, []);

  return { load, loadMore, refresh, retry: () => setAttempt((n) => n + 1) };
}

/** Loading, error (with retry) and empty states, announced politely. */
export function PagedStatus<T>({ load, retry, what, empty }: { load: Paged<T>; retry(): void; what: string; empty: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div aria-live="polite" aria-busy={load.state === "loading"}>
      {load.state === "loading" && <p className="muted loading">{t("common:paging.loading", { what })}</p>}
      {load.state === "error" && (
        <div>
          <ErrorMessage error={load.error} title={t("common:paging.failed", { what })} />
          <button type="button" onClick={retry}>{t("common:paging.retry")}</button>
        </div>
      )}
      {load.state === "ready" && load.items.length === 0 && <div className="empty">{empty}</div>}
      {load.state === "ready" && load.items.length > 0 && (
        <p className="visually-hidden">{t(load.nextCursor ? "common:paging.shownMore" : "common:paging.shown", { n: load.items.length, what })}</p>
      )}
    </div>
  );
}

/** The table of loaded rows and the "Load more" button. */
export function PagedTable<T>({ load, loadMore, caption, className, columns, children, end }: {
  load: Paged<T>;
  loadMore(): void;
  caption: string;
  className: string;
  columns: string[];
  children: (item: T) => ReactNode;
  end: (count: number) => string;
}) {
  const { t } = useTranslation();
  if (load.state !== "ready" || load.items.length === 0) return null;
  return (
    <>
      <div className="table-wrap">
        <table className={className}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>{load.items.map(children)}</tbody>
        </table>
      </div>
      <div className="load-more">
        {load.nextCursor ? (
          <button type="button" onClick={loadMore} disabled={load.more === "loading"}>
            {load.more === "loading" ? t("common:paging.loadingMore") : t("common:paging.loadMore")}
          </button>
        ) : (
          <p className="muted">{end(load.items.length)}</p>
        )}
        {typeof load.more === "object" && <ErrorMessage error={load.more.error} title={t("common:paging.moreFailed")} />}
      </div>
    </>
  );
}
