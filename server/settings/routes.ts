import { Router } from "express";
import type { AppContext } from "../context.js";
import { route } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { SetupStatus, VendorSettingsBody, VendorSettingsView } from "../../shared/schemas/setup.js";
import { applyVendorSettings, presentVendorSettings, refreshVendorSettings, saveVendorSettings } from "./service.js";

export function settingsRoutes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "get", path: "/api/setup", tag: "settings", summary: "Whether the first-run set-up (the vendor's settings) was ever saved", auth: "signedIn",
    response: SetupStatus,
    handler: async () => ({ needed: app.config.FIRST_RUN_SETUP && !(await app.prisma.vendorSettings.findUnique({ where: { id: 1 } })) }),
  });
  route(router, app, {
    method: "get", path: "/api/settings", tag: "settings", summary: "The vendor's settings in force (saved, else the environment's)", auth: "user.manage",
    response: VendorSettingsView,
    handler: async () => presentVendorSettings(app.config, Boolean(await refreshVendorSettings(app))),
  });
  route(router, app, {
    method: "put", path: "/api/settings", tag: "settings", summary: "Save the vendor's name, country, language, time zone, mail sender and public URL",
    auth: "user.manage", body: VendorSettingsBody, response: VendorSettingsView,
    handler: async ({ req, body }) => {
      const row = await inTransaction(app.prisma, (tx) => saveVendorSettings(tx, auditActor(req), body));
      applyVendorSettings(app.config, row);
      return presentVendorSettings(app.config, true);
    },
  });
  return router;
}
