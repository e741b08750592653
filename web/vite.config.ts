/// <reference types="vitest/config" />
// The app and GraphiQL, built into dist/ and published into the Python package (server/web)
// that `osmosi serve` serves (scripts/publish.mjs): every script, style and font comes from
// the server itself.
import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, "dist"),
    emptyOutDir: true,
    assetsDir: "assets",
    // Inlined assets would be data: URLs; the CSP allows them for images only.
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        app: resolve(__dirname, "index.html"),
        graphiql: resolve(__dirname, "graphiql.html"),
      },
    },
  },
  server: {
    proxy: { "/graphql": { target: "http://127.0.0.1:8000", ws: true } },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
