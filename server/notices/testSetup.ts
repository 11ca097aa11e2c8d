import type { Client } from "../../tests/helpers/client.js";

/** Test fixtures for the notice suites: synthetic controllers in three languages and a breach touching them. */
let seq = 0;

export const ORGS = [
  { key: "en", name: "Elm Academy (test)", country: "GB", language: "en", contacts: [{ name: "Erin DPO", email: "dpo@elm.example.test", role: "DPO" }] },
  { key: "sv", name: "Björkskolan (test)", country: "SE", language: "sv", contacts: [{ name: "Sara Dataskydd", email: "dso@bjork.example.test", role: "Dataskyddsombud" }, { name: "Rektor", email: "rektor@bjork.example.test", role: "Rektor" }] },
  { key: "nb", name: "Fjellskolen (test)", country: "NO", language: "nb", contacts: [{ name: "Nora Personvern", email: "personvern@fjell.example.test", role: "Personvernombud" }] },
] as const;

export const assessment = (over: Record<string, unknown> = {}) => ({
  awareAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
  types: ["confidentiality"],
  dataCategories: ["basic", "contact"],
  subjectCategories: ["pupils"],
  vulnerableGroups: ["pupils"],
  approxSubjects: 900,
  approxRecords: 4000,
  easeOfIdentification: "maximum",
  circumstances: { confidentiality: "unknown_recipients", integrity: "none", availability: "none", malicious: true },
  summary: "A misconfigured export left class lists readable by anyone with the link (synthetic test case).",
  ...over,
});

export interface Scenario {
  incident: { id: string; reference: string; title: string };
  orgs: Record<"en" | "sv" | "nb", { id: string; name: string }>;
  selfId: string;
}

/**
 * Three controllers (en, sv, nb) with their own numbers (nb: unknown), plus the vendor itself on
 * the affected list, an action, and an assessment; `assessed: false` leaves the assessment out.
 */
export async function scenario(privacy: Client, opts: { assessed?: boolean; suffix?: string } = {}): Promise<Scenario> {
  const suffix = opts.suffix ?? `${Date.now()}-${seq++}`;
  const orgs = {} as Scenario["orgs"];
  for (const o of ORGS) {
    const r = await privacy.post("/api/organizations", { name: `${o.name} ${suffix}`, country: o.country, language: o.language, contacts: o.contacts, noticeHours: 24 });
    if (r.status !== 201) throw new Error(`org: ${r.status} ${JSON.stringify(r.body)}`);
    orgs[o.key] = r.body;
  }
  const selfId = (await privacy.get("/api/organizations")).body.items.find((o: { self: boolean }) => o.self).id;
  const incident = (await privacy.post("/api/incidents", { title: `Class lists exposed ${suffix}` })).body;
  await privacy.put(`/api/incidents/${incident.id}/affected-organizations`, { organizationIds: [orgs.en.id, orgs.sv.id, orgs.nb.id, selfId] });
  await privacy.patch(`/api/incidents/${incident.id}/affected-organizations/${orgs.en.id}`, { approxSubjects: 120, approxRecords: 480 });
  await privacy.patch(`/api/incidents/${incident.id}/affected-organizations/${orgs.sv.id}`, { approxSubjects: 45, approxRecords: 90 });
  await privacy.post(`/api/incidents/${incident.id}/actions`, { title: "Revoke public links to the export" });
  if (opts.assessed !== false) {
    const r = await privacy.put(`/api/incidents/${incident.id}/breach`, assessment());
    if (r.status !== 200) throw new Error(`assessment: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return { incident, orgs, selfId };
}
