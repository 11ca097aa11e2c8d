import type { Organization, SubjectCommunicationDecision, SubjectNotice } from "../generated/prisma/client.js";
import { art34Checklist } from "../../shared/subjects/checklist.js";
import { adviceTopics, type SubjectAudience } from "../../shared/subjects/advice.js";
import type { SubjectException } from "../../shared/subjects/exceptions.js";
import { lix } from "../../shared/subjects/readability.js";
import type { KitFacts } from "./facts.js";

const iso = (d: Date | null) => (d ? d.toISOString() : null);
type Names = Map<string, string>;
const ref = (names: Names, id: string | null) => (id ? { id, name: names.get(id) ?? "Unknown user" } : null);

export function presentSubjectNotice(n: SubjectNotice, names: Names, facts?: KitFacts) {
  const advice = facts ? adviceTopics(facts.categories, n.audience as SubjectAudience) : [];
  return {
    id: n.id, incidentId: n.incidentId, organizationId: n.organizationId,
    audience: n.audience, variant: n.variant, language: n.language, title: n.title, body: n.body, version: n.version,
    createdBy: ref(names, n.createdById), editedBy: ref(names, n.editedById), edited: Boolean(n.editedById),
    createdAt: iso(n.createdAt), updatedAt: iso(n.updatedAt),
    /** LIX readability of the text (pupils' texts should stay under 40). */
    lix: lix(n.body),
    /** The Art. 34(2) content checked against the current facts and this text. */
    checklist: facts ? art34Checklist({ ...facts.checklist, advice }, n.body) : [],
    advice,
    download: { txt: `/api/subject-notices/${n.id}.txt`, html: `/api/subject-notices/${n.id}.html` },
  };
}

export function presentSubjectDecision(d: SubjectCommunicationDecision, names: Names) {
  return {
    id: d.id, incidentId: d.incidentId, organizationId: d.organizationId,
    communicate: d.communicate, channels: d.channels, exception: d.exception as SubjectException | null, reason: d.reason, communicatedAt: iso(d.communicatedAt),
    decidedBy: ref(names, d.decidedById), createdAt: iso(d.createdAt),
  };
}

export const presentController = (o: Organization) => ({ id: o.id, name: o.name, language: o.language, country: o.country, self: o.self });
