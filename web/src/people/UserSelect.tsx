import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { User } from "../api.js";
import { ROLE_LABELS } from "../format.js";

/** A search box above the list it narrows. */
const PICKER_STYLE = { display: "flex", flexDirection: "column", gap: "0.25rem", minWidth: "14rem" } as const;

/** Does the person match what was typed: a part of the name, the e-mail address or the role's name. */
function matches(u: User, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  return !q || [u.name, u.email, ROLE_LABELS[u.role] ?? u.role].some((s) => s.toLocaleLowerCase().includes(q));
}

/**
 * Picks a person (owner, assignee, member): a search box narrows the list by name, e-mail or role, and each
 * choice shows the name, role and e-mail. The label of the surrounding Field names the list itself.
 */
export function UserSelect({ users, value, onChange, placeholder, ...rest }: {
  users: User[];
  value: string;
  onChange(v: string): void;
  placeholder?: string;
  id?: string;
  required?: boolean;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  // The person chosen stays in the list whatever is typed, so the choice never silently disappears.
  const shown = users.filter((u) => u.id === value || matches(u, query));
  return (
    <span className="user-select" style={PICKER_STYLE}>
      <input type="search" className="user-search" value={query} onChange={(e) => setQuery(e.target.value)}
        aria-label={t("people:picker.search")} placeholder={t("people:picker.searchPlaceholder")} aria-controls={rest.id} />
      <select value={value} onChange={(e) => onChange(e.target.value)} {...rest}>
        <option value="">{placeholder ?? t("people:picker.choose")}</option>
        {shown.map((u) => (
          <option key={u.id} value={u.id}>{t("people:picker.option", { name: u.name, role: ROLE_LABELS[u.role] ?? u.role, email: u.email })}</option>
        ))}
      </select>
      {query && !users.some((u) => matches(u, query)) && <span className="hint" role="status">{t("people:picker.noMatch")}</span>}
    </span>
  );
}
