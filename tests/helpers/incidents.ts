import type { Client } from "./client.js";

/** Walks an incident from logging to resolved through the API (synthetic data). */
export async function resolvedIncident(admin: Client, ownerId: string, title = "Review probe: status page down") {
  const inc = (await admin.post("/api/incidents", { title, description: "Synthetic incident for review tests" })).body;
  const I = `/api/incidents/${inc.id}`;
  let v = (await admin.patch(I, { version: 1, category: "availability", severity: "medium", level: "system", personalData: "no" })).body.version;
  v = (await admin.patch(I, { version: v, ownerId })).body.version;
  const withAction = await admin.post(`${I}/actions`, { title: "Restart the status page" });
  await admin.post(`${I}/transitions`, { to: "triaged" });
  await admin.post(`${I}/transitions`, { to: "remediating" });
  await admin.patch(`${I}/actions/${withAction.body.actions[0].id}`, { status: "done", note: "Restarted" });
  v = (await admin.get(I)).body.version;
  await admin.patch(I, { version: v, impact: { summary: "Status page unavailable for 40 minutes", affectedSystems: ["status-page"] } });
  const r = await admin.post(`${I}/transitions`, { to: "resolved" });
  if (r.status !== 200) throw new Error(`resolve failed: ${JSON.stringify(r.body)}`);
  return inc.id as string;
}
