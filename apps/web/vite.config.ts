/** Vite build of the console SPA; in development, API calls go to the server on port 3000. */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const server = "http://localhost:3000";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/trpc": server,
      "/healthz": server,
      "/api": server,
    },
  },
  build: {
    outDir: "dist",
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 3 },
            // Not @mantine/charts: it brings recharts and d3 (~350 kB), which only the Earnings page needs.
            {
              name: "mantine",
              test: /node_modules[\\/](@mantine[\\/](?!charts)|@floating-ui|react-remove-scroll|react-transition-group)/,
              priority: 2,
            },
            { name: "data", test: /node_modules[\\/](@tanstack|@trpc|superjson|i18next|react-i18next)/, priority: 1 },
          ],
        },
      },
    },
  },
});
