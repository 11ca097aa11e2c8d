/** A backup or restore that cannot go on; the message says why and what to do, for the operator. */
export class BackupError extends Error {}
