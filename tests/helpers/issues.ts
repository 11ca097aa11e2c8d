/** The fields a 400 response names, sorted: `{ issues: [{ field, message }] }` from the one error handler. */
export const issueFields = (r: { body: { issues?: { field: string }[] } }) => (r.body.issues ?? []).map((i) => i.field).sort();

/** An id that names nothing (for 404s). */
export const NO_SUCH_ID = "00000000-0000-4000-8000-00000000dead";

/** An ISO instant `hours` hours before now. */
export const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();
