import { describe, expect, it } from "vitest";
import { bucketStart, statsBuckets } from "./buckets.js";

describe("consent statistics buckets", () => {
  it("starts ISO weeks on Monday, across a year's end", () => {
    expect(bucketStart("2026-01-01", "week")).toBe("2025-12-29");
    expect(bucketStart("2026-01-04", "week")).toBe("2025-12-29");
    expect(bucketStart("2026-01-05", "week")).toBe("2026-01-05");
    expect(bucketStart("2024-02-29", "month")).toBe("2024-02-01");
  });

  it("cuts the first and last bucket to the range", () => {
    expect(statsBuckets("2026-01-01", "2026-01-14", "week")).toEqual([
      { start: "2025-12-29", from: "2026-01-01", to: "2026-01-04" },
      { start: "2026-01-05", from: "2026-01-05", to: "2026-01-11" },
      { start: "2026-01-12", from: "2026-01-12", to: "2026-01-14" },
    ]);
    expect(statsBuckets("2024-01-31", "2024-03-01", "month")).toEqual([
      { start: "2024-01-01", from: "2024-01-31", to: "2024-01-31" },
      { start: "2024-02-01", from: "2024-02-01", to: "2024-02-29" },
      { start: "2024-03-01", from: "2024-03-01", to: "2024-03-01" },
    ]);
  });

  it("has one bucket a day for days, over a month's end", () => {
    expect(statsBuckets("2026-02-27", "2026-03-02", "day").map((bucket) => bucket.start)).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
  });
});
