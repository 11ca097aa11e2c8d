import type { Request } from "express";
import type { Role } from "../../shared/roles.js";
import type { Config } from "../config.js";
import type { AppContext } from "../context.js";

/** PASSWORD_LOGIN: staff may sign in with a password (on), only admins may (break-glass), or none may; controllers always may. */
export function passwordLoginAllowed(mode: Config["PASSWORD_LOGIN"], role: Role): boolean {
  if (role === "controller" || mode === "on") return true;
  return mode === "admins-only" && role === "admin";
}

/**
 * Behind a reverse proxy without TRUST_PROXY every request seems to come from the proxy, so the
 * per-address sign-in limits would be shared by everyone. Says so in the log, once per instance.
 */
export function untrustedProxyWarning(app: AppContext): (req: Request) => void {
  let warned = Boolean(app.config.TRUST_PROXY);
  return (req) => {
    if (warned || !req.get("x-forwarded-for")) return;
    warned = true;
    app.logger.warn("requests carry X-Forwarded-For but TRUST_PROXY is not set: sign-in limits per address apply to the proxy's address (docs/security/passwords.md)");
  };
}
