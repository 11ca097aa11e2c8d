import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webApp } from "./webApp.js";
import { errorHandler } from "./errorHandler.js";

/** The built web app served from a real directory over real HTTP, as in production and in development. */
describe("web app files", () => {
  let dir: string;
  const servers: { close(): void }[] = [];
  const serve = async (sourceMaps: boolean) => {
    const app = express();
    webApp(app, { dir, sourceMaps });
    app.use(errorHandler);
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-web-"));
    fs.mkdirSync(path.join(dir, "assets"));
    fs.writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>Vakt</title>");
    fs.writeFileSync(path.join(dir, "assets/app.js"), "console.log(1)");
    fs.writeFileSync(path.join(dir, "assets/app.js.map"), '{"version":3,"sources":["../web/src/main.tsx"]}');
  });
  afterAll(() => {
    for (const s of servers) s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("serves no source map in production, but the bundle and the client routes", async () => {
    const base = await serve(false);
    expect((await fetch(`${base}/assets/app.js.map`)).status).toBe(404);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(200);
    const page = await fetch(`${base}/incidents/123`);
    expect([page.status, await page.text()]).toEqual([200, "<!doctype html><title>Vakt</title>"]);
  });

  it("serves source maps in development", async () => {
    const base = await serve(true);
    expect(await (await fetch(`${base}/assets/app.js.map`)).json()).toMatchObject({ version: 3 });
  });
});
