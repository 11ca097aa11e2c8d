/**
 * Whose data a breach touches decides the vendor's role (GDPR Art. 4(7)-(8), 28): for its own
 * data (the organisation with `self`) it is controller; for each customer's data it is that
 * customer's processor. Both can hold at once. The obligation rules and the recommendation
 * read the roles from here, so they cannot disagree.
 */
export interface AffectedOrganization { id: string; name: string; noticeHours: number; self: boolean }

export interface BreachRoles {
  /** The vendor's own organisation, when its data is affected: the vendor is controller (Art. 33(1), 34). */
  self: AffectedOrganization | null;
  /** The customers whose data is affected: the vendor is their processor (Art. 33(2), 28(3)(f)). */
  controllers: AffectedOrganization[];
}

export function rolesOf(affected: readonly AffectedOrganization[]): BreachRoles {
  return { self: affected.find((o) => o.self) ?? null, controllers: affected.filter((o) => !o.self) };
}
