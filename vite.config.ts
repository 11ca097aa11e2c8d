import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { compression } from "vite-plugin-compression2";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The web app: sources in web/, built into dist/web (served by the API server on one port). */
export default defineConfig({
  root: here("./web"),
  // Every built file also as .br and .gz (best compression, once at build), served by server/http/webApp.ts.
  plugins: [react(), compression({ algorithms: ["brotliCompress", "gzip"] })],
  build: {
    outDir: here("./dist/web"),
    emptyOutDir: true,
    // Maps for local debugging, not referenced from the bundles; the server never serves them in production.
    sourcemap: "hidden",
  },
  server: {
    port: 5173,
    proxy: { "/api": "http://localhost:3000" },
    // shared/ lives beside web/ and is imported by the app.
    fs: { allow: [here(".")] },
  },
});
