export * from "./amounts.js";
export * from "./currencies.js";
export * from "./percent.js";
export * from "./schemas.js";
export * from "./split.js";
