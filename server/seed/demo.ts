/**
 * `npm run seed:demo`: fills the database with synthetic demo data (invented people at
 * example.test addresses; never real personal data). Safe to run twice: it adds a new batch.
 */
import { loadConfig } from "../config.js";
import { startServer } from "../bootstrap.js";
import { SYSTEM_ACTOR, inTransaction } from "../audit/service.js";
import { createUser } from "../users/service.js";
import { addAction, createIncident, updateIncident } from "../incidents/service.js";
import { transitionIncident } from "../incidents/lifecycle.js";

const config = loadConfig({ ...process.env, PORT: "0", LOG_LEVEL: "warn" });
const running = await startServer(config);
const { prisma, taxonomy } = running.ctx;
const actor = SYSTEM_ACTOR;
const password = "Demo-Kestrel-Harbour-42";
const stamp = Date.now().toString(36);

const people = await inTransaction(prisma, async (tx) => ({
  owner: await createUser(tx, actor, { email: `owner.${stamp}@example.test`, name: "Olivia Owner (demo)", role: "manager", password }),
  oncall: await createUser(tx, actor, { email: `oncall.${stamp}@example.test`, name: "Oskar On-call (demo)", role: "responder", password }),
  privacy: await createUser(tx, actor, { email: `privacy.${stamp}@example.test`, name: "Pia Privacy (demo)", role: "privacy", password }),
  auditor: await createUser(tx, actor, { email: `auditor.${stamp}@example.test`, name: "Arne Auditor (demo)", role: "auditor", password }),
}));

const samples = [
  { title: "Mis-sent e-mail with applicant list", category: "organisational", severity: "medium", personalData: "yes", level: "organisational" },
  { title: "Certificate expired on the login page", category: "availability", severity: "high", personalData: "no", level: "system" },
  { title: "Credential-stuffing attempts against admin accounts", category: "intrusion-attempts", severity: "high", personalData: "unknown", level: "system" },
  { title: "Database backup job failing for 3 nights", category: "availability", severity: "medium", personalData: "no", level: "system" },
  { title: "Phishing mail impersonating support", category: "fraud", severity: "low", personalData: "unknown", level: "organisational" },
] as const;

for (const [i, s] of samples.entries()) {
  await inTransaction(prisma, async (tx) => {
    const inc = await createIncident(tx, actor, { title: s.title, description: "Synthetic demo incident.", source: "demo" });
    if (i % 2 === 0) return;
    await updateIncident(tx, actor, inc.id, { version: 1, category: s.category, severity: s.severity, level: s.level, personalData: s.personalData, ownerId: people.owner.id }, taxonomy);
    await transitionIncident(tx, { ...actor, role: "admin" }, inc.id, "triaged");
    await addAction(tx, actor, inc.id, { title: "Contain and investigate", assigneeId: people.oncall.id });
    await transitionIncident(tx, { ...actor, role: "admin" }, inc.id, "remediating");
  });
}
console.log(`Demo data added. Demo users (password ${password}):`);
for (const u of Object.values(people)) console.log(`  ${u.role.padEnd(10)} ${u.email}`);
await running.close();
