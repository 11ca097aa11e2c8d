import { z } from "zod";
import { Id, Instant } from "./common.js";
import { Text } from "./text.js";

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/).meta({ description: "SHA-256 of the content, hex" });

export const EvidenceItem = z
  .object({
    id: Id,
    incidentId: Id,
    fileName: z.string(),
    sha256: Sha256,
    size: z.number().int().meta({ description: "Bytes" }),
    mediaType: z.string().nullable().meta({ description: "Type detected from the content; null when not recognised (served as application/octet-stream)" }),
    declaredType: z.string().nullable().meta({ description: "Type the uploader's browser claimed (not trusted)" }),
    uploadedBy: z.string(),
    uploadedAt: Instant,
    removed: z.object({ at: Instant, by: z.string(), reason: z.string() }).nullable(),
    verifiedAt: Instant.nullable().meta({ description: "Last time the stored content was re-hashed and found intact" }),
    integrity: z.object({ failedAt: Instant, problem: z.string() }).nullable().meta({ description: "Set when the stored content no longer matches sha256" }),
  })
  .meta({ id: "Evidence" });
export type EvidenceItem = z.infer<typeof EvidenceItem>;

export const LegalHoldView = z.object({ reason: z.string(), placedBy: z.string(), placedAt: Instant }).meta({ id: "LegalHold" });

export const EvidenceList = z.object({
  items: z.array(EvidenceItem),
  legalHold: LegalHoldView.nullable(),
  maxBytes: z.number().int().meta({ description: "Largest file accepted (UPLOAD_MAX_MB)" }),
});
export type EvidenceList = z.infer<typeof EvidenceList>;

export const UploadResult = z.object({ items: z.array(EvidenceItem) });

/** Removing evidence and placing or lifting a legal hold are reasoned acts. */
export const ReasonBody = z.object({
  reason: Text.trim().min(5, "must say why, in at least 5 characters").max(2000),
});

export const EvidenceVerification = z.object({
  checkedAt: Instant,
  checked: z.number().int().meta({ description: "Stored objects re-hashed" }),
  intact: z.number().int(),
  failed: z.array(z.object({ evidenceId: Id, fileName: z.string(), problem: z.string() })),
});
export type EvidenceVerification = z.infer<typeof EvidenceVerification>;
