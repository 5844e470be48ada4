export * from "./diff.js";
export * from "./markdown.js";
export * from "./purposes.js";
export * from "./variables.js";
export * from "./versions.js";
