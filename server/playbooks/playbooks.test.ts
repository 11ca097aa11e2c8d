import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { defaultPlaybooks } from "./defaults.js";

describe("six default playbooks, each in Swedish, Norwegian and English", () => {
  const all = defaultPlaybooks();
  it("has every kind in every language with the same tasks, roles and due times", () => {
    const kinds = [...new Set(all.map((p) => p.kind))];
    expect(kinds).toHaveLength(6);
    for (const kind of kinds) {
      const [sv, nb, en] = (["sv", "nb", "en"] as const).map((l) => all.find((p) => p.kind === kind && p.language === l)!);
      const shape = (p: typeof sv) => p.tasks.map((t) => [t.role, t.dueHours, t.checklist.length]);
      expect(shape(sv)).toEqual(shape(en));
      expect(shape(nb)).toEqual(shape(en));
      // Translated, not copied.
      expect(sv.tasks.map((t) => t.title)).not.toEqual(en.tasks.map((t) => t.title));
      expect(nb.tasks.map((t) => t.title)).not.toEqual(sv.tasks.map((t) => t.title));
    }
  });
});

describe.each(BACKENDS)("playbooks on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let manager: Client;
  let privacyId: string;
  let managerId: string;

  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const m = await userWithRole(admin, "manager");
    manager = m.client;
    managerId = m.user.id;
    privacyId = (await userWithRole(admin, "privacy")).user.id;
    await userWithRole(admin, "responder");
  });
  afterAll(() => app?.stop());

  it("applies a playbook: its tasks fill the action plan with owners by role, due offsets and checklists", async () => {
    const list = (await manager.get("/api/playbooks?language=sv")).body.items as { id: string; kind: string; title: string; tasks: { title: string; role: string; dueHours: number }[] }[];
    expect(list).toHaveLength(6);
    const ransomware = list.find((p) => p.kind === "ransomware")!;
    const inc = (await manager.post("/api/incidents", { title: "Krypterade filer på filservern" })).body;
    await manager.patch(`/api/incidents/${inc.id}`, { version: inc.version, ownerId: managerId });
    const before = Date.now();
    const res = await manager.post(`/api/incidents/${inc.id}/playbook`, { playbookId: ransomware.id });
    expect(res.status).toBe(201);
    const actions = (await manager.get(`/api/incidents/${inc.id}`)).body.actions as { title: string; assigneeId: string | null; dueAt: string; note: string | null }[];
    expect(actions.map((a) => a.title)).toEqual(ransomware.tasks.map((t) => t.title));
    for (const [i, t] of ransomware.tasks.entries()) {
      const a = actions[i];
      // The owner takes the manager's tasks; the privacy officer the privacy tasks.
      if (t.role === "manager") expect(a.assigneeId).toBe(managerId);
      if (t.role === "privacy") expect(a.assigneeId).toBe(privacyId);
      const offset = (new Date(a.dueAt).getTime() - before) / 3_600_000;
      expect(offset).toBeGreaterThan(t.dueHours - 0.1);
      expect(offset).toBeLessThan(t.dueHours + 0.1);
    }
    expect(actions[0].note).toContain("☐ ");
    const timeline = (await manager.get(`/api/incidents/${inc.id}`)).body.timeline as { summary: string }[];
    expect(timeline.some((t) => t.summary.includes(` applied the playbook “${ransomware.title}”`))).toBe(true);
  });

  it("lets admins edit a playbook (versioned and audited) and no one else", async () => {
    const p = (await admin.get("/api/playbooks?language=nb")).body.items[0];
    const body = { title: `${p.title} (tilpasset)`, description: p.description, category: p.category, tasks: p.tasks.slice(0, 1), version: p.version };
    expect((await manager.put(`/api/playbooks/${p.id}`, body)).status).toBe(403);
    const saved = await admin.put(`/api/playbooks/${p.id}`, body);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: p.version + 1, title: body.title });
    expect(saved.body.tasks).toHaveLength(1);
    expect((await admin.put(`/api/playbooks/${p.id}`, body)).status).toBe(409);
    const bad = await admin.put(`/api/playbooks/${p.id}`, { ...body, version: p.version + 1, tasks: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].field).toBe("tasks");
    const audit = (await admin.get("/api/audit?limit=50")).body.items as { action: string; targetId: string }[];
    expect(audit.some((e) => e.action === "playbook.updated" && e.targetId === p.id)).toBe(true);
  });

  it("retires a playbook: still listed as retired, no longer applicable, and reinstated the same way", async () => {
    const p = (await admin.get("/api/playbooks?language=en")).body.items[1];
    const id = p.id as string;
    const fields = { title: p.title, description: p.description, category: p.category, tasks: p.tasks, version: p.version };
    const retired = await admin.put(`/api/playbooks/${id}`, { ...fields, retired: true });
    expect(retired.status).toBe(200);
    expect(retired.body.retired).toBe(true);
    const listed = (await manager.get("/api/playbooks?language=en")).body.items as { id: string; retired: boolean }[];
    expect(listed.find((x) => x.id === id)?.retired).toBe(true);
    const inc = (await manager.post("/api/incidents", { title: "Retired playbook probe" })).body;
    const refused = await manager.post(`/api/incidents/${inc.id}/playbook`, { playbookId: id });
    expect(refused.status).toBe(409);
    expect((await manager.get(`/api/incidents/${inc.id}`)).body.actions).toEqual([]);
    const back = await admin.put(`/api/playbooks/${id}`, { ...fields, version: retired.body.version, retired: false });
    expect(back.body.retired).toBe(false);
    expect((await manager.post(`/api/incidents/${inc.id}/playbook`, { playbookId: id })).status).toBe(201);
  });
});
