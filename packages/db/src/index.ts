export * from "./audit-chain.js";
export * from "./client.js";
export * from "./context.js";
export * from "./passwords.js";
export * as schema from "./schema/index.js";
export * from "./schema/index.js";
export * from "./seed.js";
