import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { IANAZone } from "luxon";
import { Cron } from "croner";
import { JURISDICTIONS } from "../shared/nis2/jurisdictions.js";
import { parseEnvKeys } from "./audit/keys.js";
import { loadOidcProviders, RoleMap, type OidcProvider } from "./auth/oidc/providers.js";
import { STAFF_ROLES, type Role, type StaffRole } from "../shared/roles.js";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Environment, read once at start-up and validated; a bad value stops start-up with a clear message. */
const ConfigSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** postgres://... for PostgreSQL; unset for the embedded PGlite database under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^(postgres|postgresql):\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  /** Where the embedded database keeps its files. Use "memory://" for a throw-away database. */
  DATA_DIR: z.string().default("./.data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Public base URL, used in links in e-mails. */
  PUBLIC_URL: z.string().url().optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  COOKIE_SECURE: bool.optional(),
  /** Behind a reverse proxy: which hops to trust for X-Forwarded-For/-Proto (express "trust proxy": 1, loopback, 10.0.0.0/8...); docs/security/transport.md. */
  TRUST_PROXY: z.string().optional(),
  /** PEM certificate (chain) file: with TLS_KEY, serve HTTPS directly on PORT (TLS 1.2 or newer, AEAD ciphers only). */
  TLS_CERT: z.string().refine((f) => fs.existsSync(f), "names a file that does not exist").optional(),
  /** PEM private key file for TLS_CERT. */
  TLS_KEY: z.string().refine((f) => fs.existsSync(f), "names a file that does not exist").optional(),
  /** Oldest TLS version accepted: TLSv1.2 (default) or TLSv1.3. */
  TLS_MIN_VERSION: z.enum(["TLSv1.2", "TLSv1.3"]).default("TLSv1.2"),
  /** With TLS: a plain-HTTP port that only answers /healthz and /readyz and redirects everything else to HTTPS. */
  HTTP_REDIRECT_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Failed sign-ins allowed per address and account in 15 minutes (successes do not count). */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10000).default(10),
  /** Failed sign-ins allowed per account in 15 minutes from all addresses together (guessing from many addresses). */
  LOGIN_ACCOUNT_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(50),
  /** Failed sign-ins allowed per address in 15 minutes across all accounts (password spraying). */
  LOGIN_ADDRESS_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(20),
  /** Password sign-in for staff: on, admins-only (break-glass), off (single sign-on only). Controllers keep it. */
  PASSWORD_LOGIN: z.enum(["on", "admins-only", "off"]).default("on"),
  /** One OpenID Connect provider (docs/sso.md); OIDC_PROVIDERS_FILE for several. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_SCOPES: z.string().optional(),
  OIDC_GROUPS_CLAIM: z.string().optional(),
  OIDC_ROLE_MAP: z.string().optional(),
  OIDC_DEFAULT_ROLE: z.string().optional(),
  OIDC_LABEL: z.string().optional(),
  OIDC_EMAIL_DOMAINS: z.string().optional(),
  OIDC_MFA_ACR: z.string().optional(),
  OIDC_IDP_ENFORCES_MFA: z.string().optional(),
  OIDC_PROVIDERS_FILE: z.string().optional(),
  /** SCIM provisioning (docs/scim.md): the bearer token the IdP presents; admins can also create API tokens with the scope scim. */
  SCIM_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  /** group=role,... for SCIM groups (default: OIDC_ROLE_MAP); the highest mapped role wins. */
  SCIM_ROLE_MAP: z.string().optional(),
  /** Role of SCIM users in no mapped group (default: OIDC_DEFAULT_ROLE); unset: such users cannot sign in. */
  SCIM_DEFAULT_ROLE: z.enum(STAFF_ROLES, { message: `must be one of ${STAFF_ROLES.join(", ")}` }).optional(),
  /** How long the link in a user invitation works, in days. */
  INVITATION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** Default processor-to-controller notice deadline (hours) when a customer's DPA sets none. */
  NOTICE_HOURS_DEFAULT: z.coerce.number().int().min(1).max(24 * 30).default(24),
  /** Controller notices need approval by someone other than their last editor (four eyes); "false" turns it off. */
  NOTICE_FOUR_EYES: bool.default(true),
  /** When the next update is promised in initial and update notices, in hours from drafting. */
  NOTICE_UPDATE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  /** How long a notice's acknowledgement link works, in days. */
  NOTICE_ACK_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Remind the controller's contacts when a sent notice is not acknowledged after this many hours. */
  NOTICE_ACK_REMIND_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(24),
  /** Escalate to the privacy team when still not acknowledged after this many hours. */
  NOTICE_ACK_ESCALATE_HOURS: z.coerce.number().min(0.01).max(24 * 60).default(72),
  /** Secret that signs acknowledgement links (at least 32 characters); unset: one generated and kept in the database. */
  LINK_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** The vendor itself, created on first start as the organisation with self=true; unset: PUBLIC_URL's host name until set-up names it. */
  VENDOR_NAME: z.string().min(1).optional(),
  VENDOR_COUNTRY: z.string().regex(/^[A-Z]{2}$/, "must be a two-letter ISO country code").default("SE"),
  VENDOR_LANGUAGE: z.enum(["en", "sv", "nb"]).default("en"),
  /** Target for informing data subjects (Art. 34 "without undue delay"), hours from awareness. */
  DATA_SUBJECT_TARGET_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(72),
  /** smtp://user:pass@host:port or smtps://...; unset = mail stays in the outbox, shown as not delivered. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
  MAIL_FROM: z.string().default("Vakt <vakt@localhost>"),
  /**
   * The monitored mailbox controllers' replies go to: Reply-To of every mail to a controller (notices,
   * reminders, answers). Unset: the vendor organisation's first contact; a localhost address is refused.
   */
  MAIL_REPLY_TO: z.email("must be an e-mail address").refine((a) => !/@localhost$/i.test(a), "must be a monitored mailbox, not a localhost address").optional(),
  /** How often each instance drains the outbox (ms). */
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  /** Give up on a message after this many failed attempts (with the back-off, about 11 hours at the defaults). */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(30),
  /** How long an instance's claim on a message lasts unless renewed (ms); renewed every quarter of it while working. */
  OUTBOX_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(6000),
  /** First retry delay after a failed delivery (ms); doubles with each attempt, capped at 30 minutes. */
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
  /** Time zone in which e-mails show deadlines (next to UTC), e.g. Europe/Stockholm. */
  MAIL_TIME_ZONE: z.string().refine((tz) => IANAZone.isValidZone(tz), "must be an IANA time zone, e.g. Europe/Stockholm").default("UTC"),
  /** The vendor's time zone for calendar-month deadlines (the NIS2 final report's "one month"). */
  VENDOR_TIME_ZONE: z.string().refine((tz) => IANAZone.isValidZone(tz), "must be an IANA time zone, e.g. Europe/Stockholm").default("Europe/Stockholm"),
  /** NIS2 rule set of the vendor entity (EU, SE, NO); unset: from the vendor organisation's country, else EU. */
  NIS2_JURISDICTION: z.enum(JURISDICTIONS).optional(),
  /** Reminder points before each obligation's deadline, in hours. */
  REMINDER_OFFSETS_HOURS: z
    .string()
    .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/, "must be a comma-separated list of hours, e.g. 24,6,1")
    .default("24,6,1")
    .transform((s) => [...new Set(s.split(",").map(Number))].sort((a, b) => b - a))
    .refine((hours) => hours.every((h) => h > 0 && h <= 24 * 90), "each point must be more than 0 and at most 2160 hours"),
  /** How often each instance looks for reminders to queue (ms). */
  REMINDER_SCAN_MS: z.coerce.number().int().min(50).max(3_600_000).default(60_000),
  /** Check every JSON response against its route's declared zod schema and answer 500 on a mismatch (the test helpers turn it on). */
  VALIDATE_RESPONSES: bool.default(false),
  /** Background jobs (outbox worker, reminders); tests drive them by hand. */
  JOBS_ENABLED: bool.default(true),
  /** Lead admins to the first-run set-up screen until the vendor's settings are saved; false for deployments set up entirely by environment. */
  FIRST_RUN_SETUP: bool.default(true),
  /** Bearer token that Prometheus presents to GET /metrics (without it and METRICS_PORT: a signed-in admin). */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** Accounts without a sign-in for this many days are flagged in the access review. */
  /** API tokens: default and longest lifetime, and days without use after which a token stops working. */
  TOKEN_DEFAULT_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  TOKEN_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(365),
  TOKEN_IDLE_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  ACCESS_REVIEW_UNUSED_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Account retention (daily job): deactivate accounts unused (no sign-in, no token use) for this many days; 0 = never. */
  ACCOUNT_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  /** ... and anonymise deactivated accounts this many days after their deactivation. */
  ACCOUNT_GRACE_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** Handlebars file that replaces server/reviews/templates/review.md.hbs for review exports (Markdown and PDF). */
  REVIEW_TEMPLATE: z.string().refine((f) => fs.existsSync(f), "names a file that does not exist").optional(),
  /** Days a follow-up action may be overdue before the reminder is escalated to the review owner and managers. */
  FOLLOW_UP_ESCALATION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** Serve GET /metrics on this separate (internal) port instead of the main one. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Interface for METRICS_PORT; keep it internal. */
  METRICS_HOST: z.string().default("127.0.0.1"),
  /** Backup key: an age identity (AGE-SECRET-KEY-1...) that encrypts and opens backups. docs/backup.md. */
  BACKUP_KEY: z.string().regex(/^AGE-SECRET-KEY-1[0-9A-Z]+$/, "must be an age identity (AGE-SECRET-KEY-1...); npm run backup -- keygen makes one").optional(),
  /** File of age identities, one a line (the first encrypts; all are tried when restoring: key rotation). */
  BACKUP_KEY_FILE: z.string().refine((f) => fs.existsSync(f), "names a file that does not exist").optional(),
  /** Comma-separated age recipients (age1...) to encrypt to instead, so this host cannot open its own backups. */
  BACKUP_RECIPIENTS: z.string().regex(/^age1[0-9a-z]+(\s*,\s*age1[0-9a-z]+)*$/, "must be age recipients (age1...), comma-separated").optional(),
  /** Where backups are written (created if missing). */
  BACKUP_DIR: z.string().default("./backups"),
  /** How many successful backups to keep in BACKUP_DIR; older ones are deleted after each new one. */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(14),
  /** Scheduled backups: a cron expression (5 or 6 fields, UTC), e.g. "0 3 * * *". */
  BACKUP_CRON: z.string().refine((p) => { try { new Cron(p, { timezone: "UTC" }); return true; } catch { return false; } }, "must be a cron expression, e.g. 0 3 * * *").optional(),
  /** Scheduled backups: every this many hours (instead of BACKUP_CRON). */
  BACKUP_INTERVAL_HOURS: z.coerce.number().min(0.01).max(24 * 31).optional(),
  /** Staff must use a second factor (docs/security/mfa.md); unset: true in production, false otherwise. */
  MFA_REQUIRED: bool.optional(),
  /** Also require a second factor from controller (portal) users when MFA_REQUIRED is on. */
  MFA_REQUIRED_CONTROLLERS: bool.default(false),
  /** Alert intake (docs/alerts.md): posts accepted per alert source per minute; more get 429. */
  ALERT_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  /** Alert intake: largest request body accepted (bytes); larger get 413. */
  ALERT_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  /** Outbound webhooks (docs/webhooks.md): failed deliveries in a row after which an endpoint is disabled and admins warned. */
  WEBHOOK_DISABLE_AFTER: z.coerce.number().int().min(1).max(10_000).default(15),
  /** Outbound webhooks: how often new audit entries are turned into events (ms). */
  WEBHOOK_RELAY_MS: z.coerce.number().int().min(50).max(3_600_000).default(5_000),
  /** Live incident updates (server/live): how often each open stream pings, re-checks its session and says it is still there (ms). */
  LIVE_HEARTBEAT_MS: z.coerce.number().int().min(200).max(300_000).default(10_000),
  /** Sensitive actions need a second factor proven within this many minutes (step-up). */
  STEP_UP_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(10),
  /** Key that encrypts TOTP secrets at rest (AES-256-GCM, at least 32 characters); unset: stored unencrypted. */
  MFA_ENCRYPTION_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  /** JSON file with [{id,label,description}] replacing the default incident taxonomy. */
  TAXONOMY_FILE: z.string().optional(),
  /** Audit chain key(s) (docs/security/audit.md): "<id>:<secret>[,<id>:<secret>...]", current first, or one bare secret. */
  AUDIT_KEY: z
    .string()
    .superRefine((v, c) => {
      try {
        parseEnvKeys(v);
      } catch (err) {
        c.addIssue({ code: "custom", message: (err as Error).message });
      }
    })
    .optional(),
  /** The audit keyring file (JSON) when AUDIT_KEY is unset; default DATA_DIR/keys/audit-keyring.json, generated once. */
  AUDIT_KEY_FILE: z.string().optional(),
  /** Folder of checkpoints.jsonl, the signed audit checkpoints; keep it off the database's disk. Default DATA_DIR/audit-checkpoints. */
  AUDIT_CHECKPOINT_DIR: z.string().optional(),
  /** The auditors' address(es), comma-separated: each checkpoint is also mailed there. */
  AUDIT_CHECKPOINT_MAIL: z
    .string()
    .transform((s) => s.split(",").map((a) => a.trim()).filter(Boolean))
    .pipe(z.array(z.email("must be e-mail addresses, comma-separated")).min(1))
    .optional(),
  /** Publish a checkpoint once this many entries were appended since the last one. */
  AUDIT_CHECKPOINT_EVERY: z.coerce.number().int().min(1).max(1_000_000).default(200),
  /** ... and at least this often (ms) while there are new entries. */
  AUDIT_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(1000).max(7 * 24 * 3_600_000).default(3_600_000),
  /** Largest evidence file accepted, in MiB (413 beyond); files are streamed, never held whole in memory. */
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(2000).default(100),
  /** Folder of the content-addressed evidence store on disk; default DATA_DIR/evidence (a temporary folder for memory://). */
  EVIDENCE_DIR: z.string().optional(),
  /** How often the stored evidence is re-hashed against its recorded SHA-256 (ms); a mismatch is alerted. */
  EVIDENCE_VERIFY_INTERVAL_MS: z.coerce.number().int().min(1000).max(30 * 24 * 3_600_000).default(24 * 3_600_000),
  /** S3-compatible evidence storage (several instances): the bucket; unset keeps evidence on disk. */
  S3_BUCKET: z.string().min(3).optional(),
  /** The S3 endpoint URL for non-AWS stores (MinIO, Ceph...); unset: AWS. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Path-style addressing (endpoint/bucket/key), which most self-hosted stores need. */
  S3_FORCE_PATH_STYLE: bool.default(true),
  /** Key prefix for evidence objects in the bucket. */
  S3_PREFIX: z.string().default("evidence/"),
  /** How often each instance re-verifies the whole audit chain (ms); a break is logged and mailed to the admins. */
  AUDIT_VERIFY_INTERVAL_MS: z.coerce.number().int().min(1000).max(7 * 24 * 3_600_000).default(3_600_000),
});

export type Config = z.infer<typeof ConfigSchema> & {
  /** VENDOR_NAME, else PUBLIC_URL's host name; the saved set-up (server/settings) replaces it. */
  VENDOR_NAME: string;
  dataDir: string;
  backupDir: string;
  cookieSecure: boolean;
  publicUrl: string;
  tls: boolean;
  oidcProviders: OidcProvider[];
  mfaRequired: boolean;
  /** How SCIM group membership becomes a role. */
  scimRoles: ScimRoles;
};

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  if (Boolean(c.TLS_CERT) !== Boolean(c.TLS_KEY)) throw new ConfigError("Invalid configuration:\n  TLS_CERT, TLS_KEY: set both or neither");
  if (c.HTTP_REDIRECT_PORT !== undefined && !c.TLS_CERT) throw new ConfigError("Invalid configuration:\n  HTTP_REDIRECT_PORT: needs TLS_CERT and TLS_KEY");
  const tls = Boolean(c.TLS_CERT);
  if (Boolean(c.S3_ACCESS_KEY_ID) !== Boolean(c.S3_SECRET_ACCESS_KEY)) throw new ConfigError("Invalid configuration:\n  S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither");
  if (c.BACKUP_CRON && c.BACKUP_INTERVAL_HOURS) throw new ConfigError("Invalid configuration:\n  BACKUP_CRON: set either BACKUP_CRON or BACKUP_INTERVAL_HOURS, not both");
  let oidcProviders: OidcProvider[];
  try {
    oidcProviders = loadOidcProviders(cleaned);
  } catch (e) {
    throw new ConfigError(`Invalid configuration:\n  ${(e as Error).message}`);
  }
  const scimRoles = parseScimRoles(c);
  const publicUrl = (c.PUBLIC_URL ?? `${tls ? "https" : "http"}://localhost:${c.PORT}`).replace(/\/+$/, "");
  return {
    ...c,
    // Never a made-up name like "Our company" in anything sent: the host people know the service by (server/settings).
    VENDOR_NAME: c.VENDOR_NAME ?? new URL(publicUrl).hostname,
    oidcProviders,
    scimRoles,
    dataDir: c.DATA_DIR === "memory://" ? c.DATA_DIR : path.resolve(c.DATA_DIR),
    backupDir: path.resolve(c.BACKUP_DIR),
    cookieSecure: c.COOKIE_SECURE ?? c.NODE_ENV === "production",
    publicUrl,
    tls,
    mfaRequired: c.MFA_REQUIRED ?? c.NODE_ENV === "production",
  };
}

export interface ScimRoles {
  roleMap: Record<string, Role>;
  defaultRole?: StaffRole;
}

/** SCIM_ROLE_MAP (else OIDC_ROLE_MAP) and SCIM_DEFAULT_ROLE (else OIDC_DEFAULT_ROLE): staff roles only, as for a staff IdP. */
function parseScimRoles(c: { SCIM_ROLE_MAP?: string; OIDC_ROLE_MAP?: string; SCIM_DEFAULT_ROLE?: StaffRole; OIDC_DEFAULT_ROLE?: string }): ScimRoles {
  const name = c.SCIM_ROLE_MAP !== undefined ? "SCIM_ROLE_MAP" : "OIDC_ROLE_MAP";
  const parsed = RoleMap.safeParse(c.SCIM_ROLE_MAP ?? c.OIDC_ROLE_MAP);
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n  ${name}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  const notStaff = Object.entries(parsed.data).filter(([, r]) => !(STAFF_ROLES as readonly string[]).includes(r));
  if (notStaff.length) throw new ConfigError(`Invalid configuration:\n  ${name}: SCIM maps groups to staff roles only, not ${notStaff.map(([g, r]) => `${g}=${r}`).join(", ")}`);
  const fallback = c.SCIM_DEFAULT_ROLE ?? c.OIDC_DEFAULT_ROLE;
  if (fallback !== undefined && !(STAFF_ROLES as readonly string[]).includes(fallback))
    throw new ConfigError(`Invalid configuration:\n  SCIM_DEFAULT_ROLE: must be one of ${STAFF_ROLES.join(", ")}`);
  return { roleMap: parsed.data, defaultRole: fallback as StaffRole | undefined };
}
