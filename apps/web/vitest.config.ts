/** Component tests of the console: jsdom, Testing Library, the real i18n and a tRPC client answered in memory. */
import react from "@vitejs/plugin-react";
import { defineProject } from "vitest/config";

export default defineProject({
  plugins: [react()],
  test: {
    name: "web",
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["./src/test/setup.ts"],
    // A dialog walked through by typing and clicking takes seconds on a busy 2-core machine.
    testTimeout: 20_000,
  },
});
