import { afterAll, beforeAll } from "vitest";
import { startTestApp, type TestApp } from "./app.js";
import { Client } from "./client.js";

/** What withAdminApp gives the tests: the running app and its signed-in administrator. */
export class AdminApp {
  #app?: TestApp;
  #admin?: Client;
  get app(): TestApp {
    if (!this.#app) throw new Error("the app starts in beforeAll: use it inside a test or a later hook");
    return this.#app;
  }
  get admin(): Client {
    if (!this.#admin) throw new Error("the admin signs in in beforeAll: use it inside a test or a later hook");
    return this.#admin;
  }
  async start(launch: () => Promise<TestApp>) {
    this.#app = await launch();
    this.#admin = await Client.login(this.#app.baseUrl, this.#app.admin.email, this.#app.admin.password);
  }
  async stop() { await this.#app?.stop(); }
}

/**
 * The usual set-up of an API suite in one call: start the app before the file's (or describe block's) tests, sign the
 * administrator in, stop the app after. `launch`: e.g. `() => backend.start(env)` from tests/helpers/backends.ts.
 */
export function withAdminApp(launch: () => Promise<TestApp> = () => startTestApp()): AdminApp {
  const handle = new AdminApp();
  beforeAll(() => handle.start(launch));
  afterAll(() => handle.stop());
  return handle;
}
