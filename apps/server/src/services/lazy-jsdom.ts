/**
 * jsdom, loaded on first use: it adds about 90 MB to a process, and only policy rendering and SVG
 * uploads need it, so a server that only ingests consent never loads it. Synchronous (jsdom is
 * CommonJS), so its users keep synchronous APIs.
 */
import { createRequire } from "node:module";

type JsdomModule = typeof import("jsdom");

const require = createRequire(import.meta.url);
let jsdom: JsdomModule | undefined;

/** A fresh, empty jsdom window. */
export function newJsdomWindow(): import("jsdom").DOMWindow {
  jsdom ??= require("jsdom") as JsdomModule;
  return new jsdom.JSDOM("").window;
}
