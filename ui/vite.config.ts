/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The UI is served by Tauri from `dist/`; nothing is fetched at run time
// (the DSFR assets are copied into `public/dsfr` by `npm run assets`).
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  // The guide (docs/guide.md and its pictures) and the font licences
  // (assets/fonts/) are bundled from outside ui/.
  server: { port: 5173, strictPort: true, fs: { allow: [".", "../docs", "../assets"] } },
  build: { target: "es2021", outDir: "dist", emptyOutDir: true, sourcemap: false },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test-setup.ts"],
    // Typing tests drive real timers (the 0.6 s pause before a commit): room for a loaded machine.
    testTimeout: 20000,
  },
});
