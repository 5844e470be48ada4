export * from "./purposes.js";
export * from "./variables.js";
export * from "./versions.js";
