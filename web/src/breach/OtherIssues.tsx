import { ApiError } from "../api.js";
import { assessmentFieldLabel } from "./labels.js";

/** The server's field issues that no control on the form shows, so that none is lost. */
export function OtherIssues({ error, shown }: { error: unknown; shown: string[] }) {
  if (!(error instanceof ApiError)) return null;
  const covered = (field: string) => shown.some((s) => field === s || field.startsWith(`${s}.`));
  const rest = error.issues.filter((i) => !covered(i.field));
  if (rest.length === 0) return null;
  return (
    <ul className="field-error other-issues">
      {rest.map((i) => <li key={i.field}>{assessmentFieldLabel(i.field.split(".")[0])}: {i.message}</li>)}
    </ul>
  );
}
