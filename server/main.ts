import { ConfigError, loadConfig } from "./config.js";
import { startServer } from "./bootstrap.js";

try {
  const config = loadConfig();
  const running = await startServer(config);
  const stop = async (signal: string) => {
    running.ctx.logger.info({ signal }, "shutting down");
    await running.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  throw err;
}
