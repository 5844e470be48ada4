export * from "./subject-requests.js";
