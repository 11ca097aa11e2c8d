import type { Config } from "../config.js";
import type { Database, Tx } from "../db/client.js";
import type { VendorSettings } from "../generated/prisma/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import type { VendorSettingsBody, VendorSettingsView } from "../../shared/schemas/setup.js";
import { languageOf } from "../../shared/i18n/index.js";

/**
 * The saved set-up wins over the environment: the values are laid over the running config, which every mail,
 * link and deadline already reads (VENDOR_NAME, MAIL_FROM, PUBLIC_URL...). Unsaved, the environment stays in force.
 */
export function applyVendorSettings(config: Config, row: VendorSettings | null) {
  if (!row) return;
  Object.assign(config, {
    VENDOR_NAME: row.name, VENDOR_COUNTRY: row.country, VENDOR_LANGUAGE: languageOf(row.language), VENDOR_TIME_ZONE: row.timeZone,
    MAIL_TIME_ZONE: row.timeZone, MAIL_FROM: row.mailFrom, PUBLIC_URL: row.publicUrl, publicUrl: row.publicUrl.replace(/\/+$/, ""),
  } satisfies Partial<Config>);
}

/** Reads the saved set-up into the config (at start-up, and by jobs so every instance follows a change). */
export async function refreshVendorSettings(ctx: { prisma: Database["prisma"]; config: Config }) {
  const row = await ctx.prisma.vendorSettings.findUnique({ where: { id: 1 } });
  applyVendorSettings(ctx.config, row);
  return row;
}

export function presentVendorSettings(config: Config, saved: boolean): VendorSettingsView {
  return {
    name: config.VENDOR_NAME, country: config.VENDOR_COUNTRY, language: config.VENDOR_LANGUAGE, timeZone: config.VENDOR_TIME_ZONE,
    mailFrom: config.MAIL_FROM, publicUrl: config.publicUrl, saved,
  };
}

/** Saves the set-up, renames the vendor's own organisation to match, and audits both in one transaction. */
export async function saveVendorSettings(tx: Tx, actor: AuditActor, body: VendorSettingsBody) {
  const before = await tx.vendorSettings.findUnique({ where: { id: 1 } });
  const row = await tx.vendorSettings.upsert({ where: { id: 1 }, create: { id: 1, ...body }, update: body });
  const self = await tx.organization.findFirst({ where: { self: true } });
  if (self) {
    const other = await tx.organization.findUnique({ where: { name: body.name } });
    // Another organisation with the vendor's name: keep the self organisation's name rather than fail the set-up.
    const name = other && other.id !== self.id ? self.name : body.name;
    await tx.organization.update({ where: { id: self.id }, data: { name, country: body.country, language: body.language } });
  }
  await appendAudit(tx, actor, {
    action: "settings.saved", targetType: "settings", targetId: null,
    before: before ? strip(before) : undefined, after: strip(row),
  });
  return row;
}

const strip = ({ name, country, language, timeZone, mailFrom, publicUrl }: VendorSettings) => ({ name, country, language, timeZone, mailFrom, publicUrl });
