import { describe, expect, it } from "vitest";
import { isSubjectRequestOverdue, maskSubjectId, subjectRequestDueAt } from "./subject-requests.js";

describe("subjectRequestDueAt", () => {
  it("is the same day of the next month, same time", () => {
    expect(subjectRequestDueAt(new Date("2026-03-14T09:30:00.000Z")).toISOString()).toBe("2026-04-14T09:30:00.000Z");
    expect(subjectRequestDueAt(new Date("2026-12-15T00:00:00.000Z")).toISOString()).toBe("2027-01-15T00:00:00.000Z");
  });

  it("clamps to the last day of a shorter month", () => {
    expect(subjectRequestDueAt(new Date("2026-01-31T12:00:00.000Z")).toISOString()).toBe("2026-02-28T12:00:00.000Z");
    expect(subjectRequestDueAt(new Date("2028-01-31T12:00:00.000Z")).toISOString()).toBe("2028-02-29T12:00:00.000Z");
    expect(subjectRequestDueAt(new Date("2026-03-31T08:00:00.000Z")).toISOString()).toBe("2026-04-30T08:00:00.000Z");
  });
});

describe("isSubjectRequestOverdue", () => {
  it("counts only open requests past their due date", () => {
    const now = new Date("2026-05-01T00:00:00.000Z");
    const past = new Date("2026-04-30T00:00:00.000Z");
    expect(isSubjectRequestOverdue({ status: "in_progress", dueAt: past }, now)).toBe(true);
    expect(isSubjectRequestOverdue({ status: "completed", dueAt: past }, now)).toBe(false);
    expect(isSubjectRequestOverdue({ status: "received", dueAt: new Date("2026-05-02T00:00:00.000Z") }, now)).toBe(false);
  });
});

describe("maskSubjectId", () => {
  it("never shows the id", () => {
    expect(maskSubjectId("dev_alice")).toBe("de…ce");
    expect(maskSubjectId("abcdef")).toBe("a…f");
    expect(maskSubjectId("abc")).toBe("…");
  });
});
