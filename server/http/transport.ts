import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type { RequestListener } from "node:http";
import express from "express";
import type { Config } from "../config.js";
import type { AppContext } from "../context.js";
import { healthRoutes } from "../health/routes.js";

/**
 * TLS 1.2 suites with forward secrecy and authenticated encryption only (ECDHE with AES-GCM or
 * ChaCha20-Poly1305), as in Mozilla's "intermediate" profile; TLS 1.3 suites are all of that kind.
 */
export const TLS12_CIPHERS = [
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-RSA-AES128-GCM-SHA256",
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-CHACHA20-POLY1305",
  "ECDHE-RSA-CHACHA20-POLY1305",
].join(":");

export type MainServer = http.Server | https.Server;

/** HTTPS when TLS_CERT/TLS_KEY are set (TLS 1.2 minimum, modern ciphers), else plain HTTP for a TLS-terminating proxy. */
export function createMainServer(config: Config, app: RequestListener): MainServer {
  if (!config.TLS_CERT || !config.TLS_KEY) return http.createServer(app);
  return https.createServer(
    {
      cert: fs.readFileSync(config.TLS_CERT),
      key: fs.readFileSync(config.TLS_KEY),
      minVersion: config.TLS_MIN_VERSION,
      ciphers: TLS12_CIPHERS,
    },
    app,
  );
}

/** Where a plain-HTTP request belongs: PUBLIC_URL's origin when it is https, else the same host on the HTTPS port. */
function httpsOrigin(config: Config, hostname: string): string {
  if (config.PUBLIC_URL?.startsWith("https://")) return new URL(config.PUBLIC_URL).origin;
  return `https://${hostname}${config.PORT === 443 ? "" : `:${config.PORT}`}`;
}

/**
 * The plain-HTTP side when Vakt speaks TLS itself: health checks (load balancers and
 * orchestrators probe without TLS) and a redirect for everything else, never content.
 */
function redirectApp(ctx: AppContext) {
  const app = express();
  app.disable("x-powered-by");
  app.use(healthRoutes(ctx));
  app.use((req, res) => {
    if (!req.hostname) {
      res.status(400).type("text").send("Use HTTPS.");
      return;
    }
    // 308 keeps the method and body, so a client's POST is not silently turned into a GET.
    res.redirect(req.method === "GET" || req.method === "HEAD" ? 301 : 308, httpsOrigin(ctx.config, req.hostname) + req.originalUrl);
  });
  return app;
}

export const createRedirectServer = (ctx: AppContext) => http.createServer(redirectApp(ctx));

export interface Listening {
  server: MainServer;
  port: number;
  close(): Promise<void>;
}

export async function listen(server: MainServer, port: number, host: string): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  return {
    server,
    port: typeof addr === "object" && addr ? addr.port : port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
