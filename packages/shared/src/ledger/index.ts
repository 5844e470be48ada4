export * from "./chain.js";
export * from "./evidence-pack.js";
export * from "./evidence-pack-verify.js";
export * from "./policy-check.js";
export * from "./privacy.js";
export * from "./wire.js";
