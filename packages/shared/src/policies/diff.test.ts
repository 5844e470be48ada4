import { describe, expect, it } from "vitest";
import { diffPolicyText, diffPurposes, type PolicyDiffSegment, PURPOSE_DIFF_FIELDS } from "./diff.js";
import type { PolicyPurpose } from "./purposes.js";

const textOf = (segments: PolicyDiffSegment[], kinds: PolicyDiffSegment["kind"][] = ["same", "added", "removed"]) =>
  segments
    .filter((segment) => kinds.includes(segment.kind))
    .map((segment) => segment.text)
    .join("");
const changesOf = (segments: PolicyDiffSegment[]) =>
  segments.filter((segment) => segment.kind !== "same").map((segment) => [segment.kind, segment.text.trim()]);

const intro = "# Privacy policy\n\nNorthwave AS is responsible for your data.";
const retention12 = "We keep order data for 12 months, then delete it.";
const retention24 = "We keep order data for 24 months (bookkeeping rules), then anonymise it.";
const contact = "Questions? Write to privacy@northwave.example.";

describe("diffPolicyText", () => {
  it("finds no change between identical texts, nor between texts that differ only in line breaks and spacing", () => {
    const text = [intro, retention12, contact].join("\n\n");
    for (const other of [text, text.replace(/\n\n/g, "\n\n\n").replace("for 12", "for\n12")]) {
      const diff = diffPolicyText(text, other);
      expect(diff.stats).toEqual({ added: 0, removed: 0 });
      expect(diff.inline.every((segment) => segment.kind === "same")).toBe(true);
      expect(diff.sideBySide.map((row) => row.kind)).toEqual(["same", "same", "same", "same"]);
    }
    expect(diffPolicyText("", "")).toEqual({ inline: [], sideBySide: [], stats: { added: 0, removed: 0 } });
  });

  it("shows an edited sentence word by word, inline and on one side-by-side row", () => {
    const diff = diffPolicyText([intro, retention12, contact].join("\n\n"), [intro, retention24, contact].join("\n\n"));

    expect(changesOf(diff.inline)).toEqual([
      ["removed", "12"],
      ["added", "24"],
      ["added", "(bookkeeping rules)"],
      ["removed", "delete"],
      ["added", "anonymise"],
    ]);
    expect(textOf(diff.inline, ["same", "removed"])).toContain(retention12);
    expect(textOf(diff.inline, ["same", "added"])).toContain(retention24);
    expect(diff.stats).toEqual({ added: 4, removed: 2 });

    expect(diff.sideBySide.map((row) => row.kind)).toEqual(["same", "same", "changed", "same"]);
    const edited = diff.sideBySide[2];
    expect(textOf(edited?.left ?? [])).toBe(retention12);
    expect(textOf(edited?.right ?? [])).toBe(retention24);
    expect(edited?.left.some((segment) => segment.kind === "added")).toBe(false);
    expect(edited?.right.some((segment) => segment.kind === "removed")).toBe(false);
    expect(changesOf(edited?.left ?? [])).toEqual([
      ["removed", "12"],
      ["removed", "delete"],
    ]);
  });

  it("shows an added paragraph against an empty left side", () => {
    const added = "## Analytics\n\nWith your consent we measure how the shop is used.";
    const diff = diffPolicyText([intro, retention12, contact].join("\n\n"), [intro, retention12, added, contact].join("\n\n"));
    expect(diff.sideBySide.map((row) => row.kind)).toEqual(["same", "same", "same", "added", "added", "same"]);
    expect(diff.sideBySide[3]).toEqual({ kind: "added", left: [], right: [{ kind: "added", text: "## Analytics" }] });
    expect(diff.sideBySide[4]?.right).toEqual([{ kind: "added", text: "With your consent we measure how the shop is used." }]);
    expect(diff.inline).toEqual([
      { kind: "same", text: `${intro}\n\n${retention12}\n\n` },
      { kind: "added", text: "## Analytics" },
      { kind: "same", text: "\n\n" },
      { kind: "added", text: "With your consent we measure how the shop is used." },
      { kind: "same", text: `\n\n${contact}` },
    ]);
    expect(diff.stats).toEqual({ added: 11, removed: 0 });
  });

  it("shows a removed paragraph against an empty right side", () => {
    const diff = diffPolicyText([intro, retention12, contact].join("\n\n"), [intro, contact].join("\n\n"));
    expect(diff.sideBySide.map((row) => row.kind)).toEqual(["same", "same", "removed", "same"]);
    expect(diff.sideBySide[2]).toEqual({ kind: "removed", left: [{ kind: "removed", text: retention12 }], right: [] });
    expect(diff.inline).toEqual([
      { kind: "same", text: `${intro}\n\n` },
      { kind: "removed", text: retention12 },
      { kind: "same", text: `\n\n${contact}` },
    ]);
    expect(diff.stats).toEqual({ added: 0, removed: 10 });
  });

  it("pairs an edited paragraph with its new version even when a new paragraph comes before it", () => {
    const fresh = "Some entirely fresh paragraph about cookies on the storefront.";
    const diff = diffPolicyText([intro, retention12, contact].join("\n\n"), [intro, fresh, retention24, contact].join("\n\n"));
    expect(diff.sideBySide.map((row) => row.kind)).toEqual(["same", "same", "added", "changed", "same"]);
    expect(textOf(diff.sideBySide[3]?.left ?? [])).toBe(retention12);
  });

  it("shows a paragraph rewritten beyond recognition as removed, then added", () => {
    const diff = diffPolicyText(`${intro}\n\n${retention12}`, `${intro}\n\nCookies are small files that a site stores in your browser.`);
    expect(diff.sideBySide.map((row) => row.kind)).toEqual(["same", "same", "removed", "added"]);
  });

  it("shows a change of spacing inside an edited paragraph as unchanged, and keeps each side's text as it was", () => {
    const diff = diffPolicyText("We keep order data for\n12 months.", "We keep order data  for 24 months.");
    expect(changesOf(diff.inline)).toEqual([
      ["removed", "12"],
      ["added", "24"],
    ]);
    expect(textOf(diff.sideBySide[0]?.left ?? [])).toBe("We keep order data for\n12 months.");
    expect(textOf(diff.sideBySide[0]?.right ?? [])).toBe("We keep order data  for 24 months.");
  });

  it("counts a change of punctuation alone as one word", () => {
    const diff = diffPolicyText("We never sell your data.", "We never sell your data!");
    expect(changesOf(diff.inline)).toEqual([
      ["removed", "."],
      ["added", "!"],
    ]);
    expect(diff.stats).toEqual({ added: 1, removed: 1 });
  });
});

const tidio: PolicyPurpose = {
  key: "tidio",
  name: "Tidio Support Chat",
  description: "Live chat with our support team.",
  category: "functional",
  legalBasis: "6(1)(a)",
  vendor: { name: "Tidio", legalEntity: "Tidio LLC" },
  transfer: { destination: "USA", mechanism: "EU-US Data Privacy Framework" },
  retention: "12 months",
  optIn: true,
};
const preferences: PolicyPurpose = {
  key: "preferences",
  name: "Preferences",
  description: "Remembers your language and cart.",
  category: "strictly_necessary",
  legalBasis: "6(1)(b)",
  vendor: { name: "Northwave", legalEntity: "Northwave AS" },
  transfer: { destination: "EEA (Norway)", mechanism: "Within the EEA" },
  retention: "Until you clear your browser",
  optIn: false,
};
const analytics: PolicyPurpose = {
  ...tidio,
  key: "product_analytics",
  name: "Product analytics",
  category: "analytics",
  vendor: { name: "PostHog", legalEntity: "PostHog Inc." },
};

describe("diffPurposes", () => {
  it("finds nothing between the same purposes, in whatever order", () => {
    expect(diffPurposes([preferences, tidio], [tidio, { ...preferences }])).toEqual({ added: [], removed: [], changed: [] });
  });

  it("lists purposes added and removed, by key", () => {
    const diff = diffPurposes([preferences, tidio], [preferences, analytics]);
    expect(diff.added).toEqual([analytics]);
    expect(diff.removed).toEqual([tidio]);
    expect(diff.changed).toEqual([]);
  });

  it("lists each changed field of a purpose as a dotted path, in reading order", () => {
    const edited: PolicyPurpose = {
      ...tidio,
      name: "Support chat",
      vendor: { ...tidio.vendor, name: "Tidio Chat" },
      transfer: { ...tidio.transfer, mechanism: "Standard contractual clauses" },
      optIn: false,
      legalBasis: "6(1)(f)",
    };
    expect(diffPurposes([preferences, tidio], [preferences, edited]).changed).toEqual([
      {
        key: "tidio",
        name: "Support chat",
        fields: [
          { field: "name", before: "Tidio Support Chat", after: "Support chat" },
          { field: "legalBasis", before: "6(1)(a)", after: "6(1)(f)" },
          { field: "vendor.name", before: "Tidio", after: "Tidio Chat" },
          { field: "transfer.mechanism", before: "EU-US Data Privacy Framework", after: "Standard contractual clauses" },
          { field: "optIn", before: true, after: false },
        ],
      },
    ]);
  });

  it("compares every field a purpose has besides its key", () => {
    const leaves = (value: object, prefix = ""): string[] =>
      Object.entries(value).flatMap(([name, inner]) =>
        typeof inner === "object" && inner !== null ? leaves(inner, `${prefix}${name}.`) : [`${prefix}${name}`],
      );
    expect([...PURPOSE_DIFF_FIELDS].sort()).toEqual(
      leaves(tidio)
        .filter((path) => path !== "key")
        .sort(),
    );
  });
});
