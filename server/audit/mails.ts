import path from "node:path";
import type { AuditProblem } from "../../shared/schemas/audit.js";
import type { Config } from "../config.js";
import { createMailRenderer } from "../mail/render.js";
import { formatDate, languageOf, textToHtml, type Language } from "../notices/render.js";
import type { Checkpoint } from "./checkpoints.js";
import type { VerifyResult } from "./verify.js";

const templates = createMailRenderer(path.resolve(import.meta.dirname, "templates"));

/** Each break in the reader's words (the API's `reason` adds the details in English). */
const PROBLEM_TEXT: Record<Language, Record<AuditProblem, string>> = {
  en: {
    sequence_gap: "an entry is missing",
    prev_hash_mismatch: "an entry no longer links to the one before it",
    hash_mismatch: "an entry has been changed",
    unknown_key: "an entry is hashed with a key that is not in the keyring",
    unkeyed_entry: "an entry has a plain hash (without a key) that no checkpoint covers",
    checkpoint_mismatch: "the chain differs from a signed checkpoint",
    checkpoint_invalid: "a checkpoint is damaged or not signed by Vakt",
    truncated: "entries have been deleted from the end of the chain",
    head_mismatch: "the head row of the chain does not match its newest entry",
  },
  sv: {
    sequence_gap: "en post saknas",
    prev_hash_mismatch: "en post hänger inte längre ihop med posten före",
    hash_mismatch: "en post har ändrats",
    unknown_key: "en post är hashad med en nyckel som inte finns i nyckelringen",
    unkeyed_entry: "en post har en vanlig hash (utan nyckel) som ingen kontrollpunkt täcker",
    checkpoint_mismatch: "kedjan skiljer sig från en signerad kontrollpunkt",
    checkpoint_invalid: "en kontrollpunkt är skadad eller inte signerad av Vakt",
    truncated: "poster har raderats från slutet av kedjan",
    head_mismatch: "kedjans huvudrad stämmer inte med den senaste posten",
  },
  nb: {
    sequence_gap: "en oppføring mangler",
    prev_hash_mismatch: "en oppføring henger ikke lenger sammen med oppføringen før",
    hash_mismatch: "en oppføring er endret",
    unknown_key: "en oppføring er hashet med en nøkkel som ikke finnes i nøkkelringen",
    unkeyed_entry: "en oppføring har en vanlig hash (uten nøkkel) som ikke dekkes av noe kontrollpunkt",
    checkpoint_mismatch: "kjeden avviker fra et signert kontrollpunkt",
    checkpoint_invalid: "et kontrollpunkt er skadet eller ikke signert av Vakt",
    truncated: "oppføringer er slettet fra slutten av kjeden",
    head_mismatch: "kjedens hoderad stemmer ikke med den nyeste oppføringen",
  },
};

type MailConfig = Pick<Config, "VENDOR_LANGUAGE" | "MAIL_TIME_ZONE">;

function mail(name: string, config: MailConfig, data: Record<string, unknown>) {
  const lang = languageOf(config.VENDOR_LANGUAGE);
  const m = templates.renderText(name, data, { lang });
  return { subject: m.subject, text: m.text, html: textToHtml(m.text, lang, m.subject) };
}

/** The auditors' copy of a checkpoint: the facts, and the signed line itself. */
export function checkpointMail(config: MailConfig, c: Checkpoint) {
  const at = formatDate(c.at, config.MAIL_TIME_ZONE, config.VENDOR_LANGUAGE);
  return mail("checkpoint", config, { seq: c.seq, hash: c.hash, at, keyId: c.keyId, line: JSON.stringify(c) });
}

/** The admins' alert for a failed verification. */
export function alertMail(config: MailConfig, r: VerifyResult & { problem: AuditProblem }, checkedAt: Date, where: string) {
  return mail("alert", config, {
    problem: PROBLEM_TEXT[languageOf(config.VENDOR_LANGUAGE)][r.problem], position: r.firstInvalidSeq ?? "–", reason: r.reason ?? "",
    at: formatDate(checkedAt.toISOString(), config.MAIL_TIME_ZONE, config.VENDOR_LANGUAGE), entries: r.entries, where,
  });
}
