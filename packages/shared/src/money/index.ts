export * from "./amounts.js";
export * from "./currencies.js";
export * from "./schemas.js";
export * from "./split.js";
