import type { Router } from "express";
import { SetLanguageBody, SetLanguageResponse, SetTimeZoneBody, SetTimeZoneResponse } from "../../shared/schemas/auth.js";
import type { AppContext } from "../context.js";
import { route } from "../http/route.js";
import { appendAudit, inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import type { User } from "../generated/prisma/client.js";
import type { Tx } from "../db/client.js";
import { profileLanguage, type Language } from "../../shared/i18n/index.js";

/** The language a signed-in person reads: their profile's, else (controller users) their organisation's, else null (the browser's). */
export async function sessionLanguage(db: Pick<Tx, "organization">, user: Pick<User, "language" | "organizationId">): Promise<Language | null> {
  const org = user.organizationId && !user.language
    ? await db.organization.findUnique({ where: { id: user.organizationId }, select: { language: true } })
    : null;
  return profileLanguage({ userLanguage: user.language, organizationLanguage: org?.language });
}

/** PUT /api/auth/me/language: any signed-in person picks the language they read Vakt in (audited). */
export function languageRoute(router: Router, app: AppContext) {
  route(router, app, {
    method: "put", path: "/api/auth/me/language", tag: "auth", summary: "Choose the language I read Vakt in (null: the default)",
    auth: "signedIn", body: SetLanguageBody, response: SetLanguageResponse,
    handler: ({ req, actor, body }) =>
      inTransaction(app.prisma, async (tx) => {
        const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id } });
        const user = await tx.user.update({ where: { id: actor.id }, data: { language: body.language } });
        await appendAudit(tx, auditActor(req), {
          action: "user.language_set", targetType: "user", targetId: user.id, before: { language: before.language }, after: { language: body.language },
        });
        return { language: await sessionLanguage(tx, user) };
      }),
  });
}

/** PUT /api/auth/me/time-zone: any signed-in person picks the zone they read times in (audited). */
export function timeZoneRoute(router: Router, app: AppContext) {
  route(router, app, {
    method: "put", path: "/api/auth/me/time-zone", tag: "auth", summary: "Choose the time zone I read times in (null: the browser's)",
    auth: "signedIn", body: SetTimeZoneBody, response: SetTimeZoneResponse,
    handler: ({ req, actor, body }) =>
      inTransaction(app.prisma, async (tx) => {
        const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { timeZone: true } });
        const user = await tx.user.update({ where: { id: actor.id }, data: { timeZone: body.timeZone } });
        await appendAudit(tx, auditActor(req), {
          action: "user.time_zone_set", targetType: "user", targetId: user.id, before: { timeZone: before.timeZone }, after: { timeZone: body.timeZone },
        });
        return { timeZone: user.timeZone };
      }),
  });
}
