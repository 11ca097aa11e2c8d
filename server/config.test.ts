import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("configuration", () => {
  it("has defaults that run with nothing set", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.dataDir).toMatch(/\.data$/);
    expect(c.SESSION_IDLE_MINUTES).toBe(30);
    expect(c.cookieSecure).toBe(false);
  });
  it("stops with a message naming each bad value", () => {
    let err: unknown;
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", SESSION_IDLE_MINUTES: "0" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/PORT:/);
    expect(msg).toMatch(/DATABASE_URL: must start with postgres:\/\//);
    expect(msg).toMatch(/SESSION_IDLE_MINUTES:/);
  });
  it("reads mail and reminder settings, and names a bad one", () => {
    const c = loadConfig({ REMINDER_OFFSETS_HOURS: "1,24,6,24", MAIL_TIME_ZONE: "Europe/Oslo" });
    expect(c.REMINDER_OFFSETS_HOURS).toEqual([24, 6, 1]);
    expect(c.MAIL_TIME_ZONE).toBe("Europe/Oslo");
    expect(loadConfig({}).REMINDER_OFFSETS_HOURS).toEqual([24, 6, 1]);
    expect(() => loadConfig({ REMINDER_OFFSETS_HOURS: "24,0" })).toThrow(/REMINDER_OFFSETS_HOURS: each point must be more than 0/);
    expect(() => loadConfig({ REMINDER_OFFSETS_HOURS: "soon" })).toThrow(/REMINDER_OFFSETS_HOURS: must be a comma-separated list/);
    expect(() => loadConfig({ MAIL_TIME_ZONE: "Europe/Atlantis" })).toThrow(/MAIL_TIME_ZONE: must be an IANA time zone/);
    expect(() => loadConfig({ SMTP_URL: "http://mail" })).toThrow(/SMTP_URL: must start with smtp/);
  });
  it("reads the vendor's time zone for month deadlines, Europe/Stockholm by default, and names a bad one", () => {
    expect(loadConfig({}).VENDOR_TIME_ZONE).toBe("Europe/Stockholm");
    expect(loadConfig({ VENDOR_TIME_ZONE: "America/New_York" }).VENDOR_TIME_ZONE).toBe("America/New_York");
    expect(() => loadConfig({ VENDOR_TIME_ZONE: "Stockholm" })).toThrow(/VENDOR_TIME_ZONE: must be an IANA time zone/);
  });
  it("serves TLS only with both a certificate and a key, and a redirect port only with TLS", () => {
    const file = new URL(import.meta.url).pathname;
    expect(loadConfig({ TLS_CERT: file, TLS_KEY: file, PORT: "8443" })).toMatchObject({ tls: true, publicUrl: "https://localhost:8443", TLS_MIN_VERSION: "TLSv1.2" });
    expect(loadConfig({}).tls).toBe(false);
    expect(() => loadConfig({ TLS_CERT: file })).toThrow(/TLS_CERT, TLS_KEY: set both or neither/);
    expect(() => loadConfig({ TLS_CERT: "/no/such/cert.pem", TLS_KEY: file })).toThrow(/TLS_CERT: names a file that does not exist/);
    expect(() => loadConfig({ HTTP_REDIRECT_PORT: "8080" })).toThrow(/HTTP_REDIRECT_PORT: needs TLS_CERT and TLS_KEY/);
    expect(() => loadConfig({ TLS_CERT: file, TLS_KEY: file, TLS_MIN_VERSION: "TLSv1.1" })).toThrow(/TLS_MIN_VERSION/);
  });
  it("reads backup and outbox-lease settings, and names a bad one", () => {
    const c = loadConfig({ BACKUP_CRON: "0 3 * * *", BACKUP_KEEP: "7", BACKUP_DIR: "/var/backups/vakt" });
    expect(c).toMatchObject({ BACKUP_CRON: "0 3 * * *", BACKUP_KEEP: 7, backupDir: "/var/backups/vakt", OUTBOX_LEASE_MS: 6000 });
    expect(() => loadConfig({ BACKUP_CRON: "every night" })).toThrow(/BACKUP_CRON: must be a cron expression/);
    expect(() => loadConfig({ BACKUP_CRON: "0 3 * * *", BACKUP_INTERVAL_HOURS: "24" })).toThrow(/either BACKUP_CRON or BACKUP_INTERVAL_HOURS/);
    expect(() => loadConfig({ BACKUP_KEY: "hunter2" })).toThrow(/BACKUP_KEY: must be an age identity/);
    expect(() => loadConfig({ BACKUP_RECIPIENTS: "age1abc, not-a-key" })).toThrow(/BACKUP_RECIPIENTS:/);
    expect(() => loadConfig({ OUTBOX_LEASE_MS: "100" })).toThrow(/OUTBOX_LEASE_MS:/);
  });
  it("treats empty values as unset and secures cookies in production", () => {
    expect(loadConfig({ DATABASE_URL: "", NODE_ENV: "production" }).cookieSecure).toBe(true);
  });
});
