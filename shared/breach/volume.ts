/**
 * How many people a breach concerns, and the thresholds at which the number changes the
 * recommendation. ENISA 2013 weighs the number of people alongside the score, not in it; EDPB
 * Guidelines 9/2022, section IV.B ("number of affected individuals"): the higher the number, the
 * greater the impact, and a breach can be severe for a few people or touch many. Vakt turns that
 * into three explained thresholds:
 *
 *  - KNOWN_RECIPIENTS_MAX_PEOPLE (100): the EDPB's document-only examples of data sent by mistake
 *    to known recipients who returned or deleted it concern a handful of people (01/2021 case 13:
 *    two customers; case 15: a course list of 15). Beyond a hundred people, "every recipient
 *    returned it" no longer shows by itself that a risk is unlikely: the authority is notified.
 *  - LARGE_SCALE_PEOPLE (10,000, "tens of thousands"): national identity numbers or financial data
 *    of this many people disclosed is a high risk of identity theft and fraud (EDPB 9/2022 IV.B,
 *    "identity theft or fraud"; 01/2021 case 11, 100,000 customer records with dates of birth),
 *    even when each recipient is known: the people are to be told.
 *  - MASS_SCALE_PEOPLE (100,000): any data of this many people disclosed to unknown recipients
 *    turns a medium ENISA severity into a high risk.
 */
export const KNOWN_RECIPIENTS_MAX_PEOPLE = 100;
export const LARGE_SCALE_PEOPLE = 10_000;
export const MASS_SCALE_PEOPLE = 100_000;

/** Kinds of data whose disclosure at large scale is a high risk by the number alone. */
export const VOLUME_HIGH_RISK_DATA = ["nationalId", "financial"] as const;

/** The people concerned; where their number is not known (0), the records, one person each at most. */
export function peopleConcerned(a: { approxSubjects?: number; approxRecords?: number }): number {
  return a.approxSubjects || a.approxRecords || 0;
}
