export * from "./buckets.js";
