/**
 * The consent banner storefronts load (GET /embed/consent.js), joined from its parts in ./consent/.
 * The banner has no build step and runs as a classic script in visitors' browsers, so the parts are
 * plain script fragments rather than modules: their header comes first, then the others inside one
 * function, in whose scope they share their consts and functions. Biome reads each part as a module
 * of its own, so biome.json turns off noUnusedVariables for them (a part's functions are mostly called
 * by other parts), and useOptionalChain (ES2019 has none). A part cannot `return` from the function
 * around it: setup.js decides whether this copy runs, and start.js acts on it.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

const PARTS_DIR = join(import.meta.dirname, "consent");

/** Storefronts read it first: what to include, the options, the API, the events and the storage. */
const HEADER = "header.js";

/**
 * In the order their top-level statements run. A function may call any other part's functions
 * (declarations are hoisted), and read its consts when called from start.js, which runs last; a
 * top-level statement may read only the consts of parts before its own.
 */
const PARTS = [
  "setup.js",
  "strings.js",
  "storage-and-transport.js",
  "choices.js",
  "styles.js",
  "banner.js",
  "dialogs.js",
  "start.js",
] as const;

/** The script's bytes: the header, then `(() => { "use strict"; … })();` around the parts. */
export async function assembleConsentScript(): Promise<Buffer> {
  const [header, ...parts] = await Promise.all([HEADER, ...PARTS].map((name) => readFile(join(PARTS_DIR, name), "utf8")));
  // Line breaks around every part: a part ending in a // comment must not swallow what follows it.
  return Buffer.from(`${header}\n(() => {\n  "use strict";\n\n${parts.join("\n")}\n})();\n`, "utf8");
}
