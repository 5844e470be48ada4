/**
 * Builds the server for production: one ES module, apps/server/dist/main.js, with the console's
 * own packages (@pc/db, @pc/shared and the server) compiled in and every npm package left to be
 * imported from node_modules at run time. Production runs it with plain `node`: no TypeScript
 * loader in the process (less memory, a faster start; docs/performance.md).
 *
 * Files that find their neighbours through `import.meta.dirname` or `import.meta.url` (migrations,
 * the banner's parts, the repository root) are given their own source location, expressed relative
 * to the bundle, so the tree still works after it is moved or copied as a whole.
 *
 * Turborepo never caches this build (turbo.json): it compiles the sources of @pc/db and
 * @pc/shared, which Turborepo would not count as its inputs. It takes about a second.
 */
import { readFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";

const serverRoot = resolve(import.meta.dirname, "..");
const repoRoot = resolve(serverRoot, "../..");

/** The production server: `node apps/server/dist/main.js`. */
export const SERVER_BUNDLE = resolve(serverRoot, "dist/main.js");
const outfile = SERVER_BUNDLE;

/** From the bundle's directory to the repository root. */
const bundleToRoot = relative(dirname(outfile), repoRoot);

/** npm packages stay imports; the console's own workspace packages are compiled in. */
const externalPackages: Plugin = {
  name: "external-packages",
  setup(context) {
    context.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@pc/") || args.path.startsWith("node:")) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** `import.meta.dirname` and `import.meta.url` of each source file, as that file had them. */
const sourceLocations: Plugin = {
  name: "source-locations",
  setup(context) {
    context.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.includes("import.meta.")) return { contents: source, loader: "ts" };
      const fromRoot = relative(repoRoot, args.path);
      const dir = `__pcSourcePath(${JSON.stringify(dirname(fromRoot))})`;
      const url = `__pcSourceUrl(${JSON.stringify(fromRoot)})`;
      return {
        contents: source.replaceAll("import.meta.dirname", dir).replaceAll("import.meta.url", url),
        loader: "ts",
      };
    });
  },
};

const banner = `import { fileURLToPath as __pcFileURLToPath, pathToFileURL as __pcPathToFileURL } from "node:url";
import { resolve as __pcResolve } from "node:path";
const __pcRoot = __pcResolve(__pcFileURLToPath(new URL(".", import.meta.url)), ${JSON.stringify(bundleToRoot)});
const __pcSourcePath = (fromRoot) => __pcResolve(__pcRoot, fromRoot);
const __pcSourceUrl = (fromRoot) => __pcPathToFileURL(__pcSourcePath(fromRoot)).href;`;

/** Builds dist/main.js (and its source map); answers a one-line summary. About a second. */
export async function buildServer(): Promise<string> {
  const result = await build({
    entryPoints: [resolve(serverRoot, "src/main.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    keepNames: true,
    sourcemap: "linked",
    banner: { js: banner },
    plugins: [externalPackages, sourceLocations],
    logLevel: "warning",
    metafile: true,
  });
  const bytes = result.metafile.outputs[relative(process.cwd(), outfile)]?.bytes ?? 0;
  return `${relative(repoRoot, outfile)}: ${Math.round(bytes / 1024)} KB from ${Object.keys(result.metafile.inputs).length} files`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.stdout.write(`${await buildServer()}\n`);
}
