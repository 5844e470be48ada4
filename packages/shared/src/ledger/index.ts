export * from "./chain.js";
export * from "./policy-check.js";
export * from "./privacy.js";
export * from "./wire.js";
