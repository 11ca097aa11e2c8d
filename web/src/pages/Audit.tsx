import { useCallback, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, type AuditVerification } from "../api.js";
import { PagedStatus, PagedTable, usePaged } from "../paging.js";
import { useAuth } from "../auth.js";
import { ErrorMessage } from "../components.js";
import { formatDateTime, useTitle } from "../format.js";

const PAGE_SIZE = 50;

type Verify = { state: "idle" | "checking" } | { state: "done"; result: AuditVerification; at: number } | { state: "error"; error: unknown };

export function AuditPage() {
  useTitle("Audit log");
  const { can } = useAuth();
  const [params] = useSearchParams();
  const incidentId = params.get("incidentId") ?? undefined;
  const [verify, setVerify] = useState<Verify>({ state: "idle" });
  const allowed = can("audit.read");
  const { load, loadMore, retry } = usePaged(incidentId ?? "", (cursor) => api.audit({ incidentId, limit: PAGE_SIZE, cursor }), allowed);

  const runVerify = useCallback(async () => {
    setVerify({ state: "checking" });
    try {
      setVerify({ state: "done", result: await api.verifyAudit(), at: Date.now() });
    } catch (error) {
      setVerify({ state: "error", error });
    }
  }, []);
  useEffect(() => { if (allowed) void runVerify(); }, [allowed, runVerify]);

  if (!allowed)
    return (
      <div className="page narrow">
        <h1>Audit log</h1>
        <p className="alert alert-info">Your role cannot read the audit log. It is open to administrators, privacy officers and auditors.</p>
      </div>
    );

  return (
    <div className="page">
      <div className="page-head">
        <h1>Audit log</h1>
      </div>

      <section className="card verify" aria-labelledby="verify-title">
        <h2 id="verify-title">Chain verification</h2>
        <div aria-live="polite" className="verify-result">
          {verify.state === "checking" && <p className="muted">Checking every entry's hash…</p>}
          {verify.state === "error" && <ErrorMessage error={verify.error} title="The chain could not be verified." />}
          {verify.state === "done" && (
            verify.result.valid ? (
              <p><span className="badge verify-valid">Intact</span> All {verify.result.entries.toLocaleString()} entries verified: none has been changed or removed.</p>
            ) : (
              <p>
                <span className="badge verify-invalid">Broken</span> The chain does not verify
                {verify.result.firstInvalidId ? <> from entry <span className="mono">#{verify.result.firstInvalidId}</span></> : null}
                {" "}({verify.result.entries.toLocaleString()} entries checked). Entries have been altered or removed in the database.
              </p>
            )
          )}
        </div>
        <button type="button" className="secondary" onClick={() => void runVerify()} disabled={verify.state === "checking"}>Verify again</button>
      </section>

      {incidentId && (
        <p className="filter-note">
          Showing entries for <Link to={`/incidents/${incidentId}`}>one incident</Link>. <Link to="/audit">Show all entries</Link>
        </p>
      )}

      <PagedStatus load={load} retry={retry} what="audit entries" empty={<p>No entries.</p>} />

      <PagedTable load={load} loadMore={loadMore} caption="Audit entries, newest first" className="audit"
        columns={["#", "When", "Who", "What", "Target", "Change", "Hash"]}
        end={(n) => `End of the log (${n} entries shown).`}>
        {(e) => (
          <tr key={e.id} className={verify.state === "done" && verify.result.firstInvalidId === e.id ? "invalid" : undefined}>
            <td className="mono">{e.id}</td>
            <td className="nowrap"><time dateTime={e.at}>{formatDateTime(e.at)}</time></td>
            <td>{e.actorLabel}</td>
            <td className="mono">{e.action}</td>
            <td>{e.incidentId ? <Link to={`/incidents/${e.incidentId}`}>{e.targetType}</Link> : e.targetType}</td>
            <td><Change before={e.before} after={e.after} /></td>
            <td className="mono hash" title={e.hash}>{e.hash.slice(0, 12)}…</td>
          </tr>
        )}
      </PagedTable>
    </div>
  );
}

function Change({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="muted">—</span>;
  return (
    <details className="change">
      <summary>Show</summary>
      {before != null && <><p className="muted">Before</p><pre>{JSON.stringify(before, null, 2)}</pre></>}
      {after != null && <><p className="muted">After</p><pre>{JSON.stringify(after, null, 2)}</pre></>}
    </details>
  );
}
