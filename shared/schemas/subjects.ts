/** What the data-subject kit's endpoints answer (server/subjects), Art. 34. */
import { z } from "zod";
import { ADVICE_TOPICS } from "../subjects/advice.js";
import { ART_34_2_ELEMENTS } from "../subjects/checklist.js";
import { SUBJECT_EXCEPTIONS } from "../subjects/exceptions.js";
import { Instant } from "./common.js";
import { SUBJECT_AUDIENCES, SUBJECT_CHANNELS, SUBJECT_VARIANTS } from "./notice.js";
import { LANGUAGES } from "./organization.js";

const UserRef = z.object({ id: z.string(), name: z.string() });
const ELEMENT_CODES = ART_34_2_ELEMENTS.map((e) => e.code) as [(typeof ART_34_2_ELEMENTS)[number]["code"], ...(typeof ART_34_2_ELEMENTS)[number]["code"][]];

export const ChecklistItemView = z.object({
  code: z.enum(ELEMENT_CODES), article: z.string(), label: z.string(),
  /** ok: present; derived: made from general rules, check it; missing: must be added before sending. */
  status: z.enum(["ok", "derived", "missing"]),
  note: z.string().optional(),
});
export const SubjectNoticeView = z.object({
  id: z.string(), incidentId: z.string(), organizationId: z.string(), audience: z.enum(SUBJECT_AUDIENCES), variant: z.enum(SUBJECT_VARIANTS),
  language: z.enum(LANGUAGES), title: z.string(), body: z.string(), version: z.number().int(),
  createdBy: UserRef.nullable(), editedBy: UserRef.nullable(), edited: z.boolean(), createdAt: Instant, updatedAt: Instant,
  /** LIX readability of the text (pupils' texts should stay under 40). */
  lix: z.number(),
  /** The Art. 34(2) content checked against the current facts and this text. */
  checklist: z.array(ChecklistItemView),
  advice: z.array(z.enum(ADVICE_TOPICS)),
  download: z.object({ txt: z.string(), html: z.string() }),
});
export const SubjectDecisionView = z.object({
  id: z.string(), incidentId: z.string(), organizationId: z.string(), communicate: z.boolean(), channels: z.array(z.enum(SUBJECT_CHANNELS)),
  exception: z.enum(SUBJECT_EXCEPTIONS).nullable(), reason: z.string().nullable(), communicatedAt: Instant.nullable(), decidedBy: UserRef.nullable(),
  createdAt: Instant,
});
export const KitController = z.object({
  id: z.string(), name: z.string(), language: z.enum(LANGUAGES), country: z.string(), self: z.boolean(),
  decision: SubjectDecisionView.nullable(), decisions: z.array(SubjectDecisionView),
});
export const SubjectKit = z.object({
  incidentId: z.string(),
  /** Drafting needs an assessment (409 without one). */
  assessed: z.boolean(),
  recommendation: z.object({ notifyDataSubjects: z.boolean() }).nullable(),
  breachDecision: z.object({ notifyDataSubjects: z.boolean(), createdAt: Instant }).nullable(),
  /** Art. 34(3) exceptions the current assessment supports. */
  supportedExceptions: z.array(z.enum(SUBJECT_EXCEPTIONS)),
  /** The vendor's own Art. 34 obligation, when it has one. */
  obligation: z.object({ id: z.string(), status: z.string(), dueAt: Instant, satisfiedAt: Instant.nullable() }).nullable(),
  controllers: z.array(KitController),
  items: z.array(SubjectNoticeView),
}).meta({ id: "SubjectKit" });
/** The kit after drafting, with the ids drafted and the hand-edited ones kept. */
export const DraftedSubjectKit = SubjectKit.extend({ drafted: z.array(z.string()), kept: z.array(z.string()) });
