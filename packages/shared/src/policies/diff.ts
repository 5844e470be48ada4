// Comparing two policy versions as a tenant would read them: the text (markdown after variables
// were filled in) word by word, inline and side by side, and the consent purposes field by field.

import { type Change, diffArrays, diffWordsWithSpace } from "diff";
import type { PolicyPurpose } from "./purposes.js";

export interface PolicyDiffSegment {
  kind: "same" | "added" | "removed";
  text: string;
}

/**
 * One row of the side-by-side view: a block (paragraph, heading, list…) of the older text on the
 * left and its counterpart in the newer one on the right. A block only on one side has an empty other side.
 */
export interface PolicyDiffRow {
  kind: "same" | "changed" | "added" | "removed";
  left: PolicyDiffSegment[];
  right: PolicyDiffSegment[];
}

export interface PolicyTextDiff {
  /** The whole text once, removed words next to the ones that replace them; blocks separated by "\n\n". */
  inline: PolicyDiffSegment[];
  sideBySide: PolicyDiffRow[];
  /** Words added and removed (a change of punctuation alone counts as one word). */
  stats: { added: number; removed: number };
}

/** Blocks are what blank lines separate; whitespace inside a block does not change how it reads. */
function splitBlocks(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((block) => block.replace(/^\n+|\s+$/g, ""))
    .filter((block) => block.trim() !== "");
}

const blockKey = (block: string) => block.replace(/\s+/g, " ").trim();

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function countWords(text: string): number {
  const words = wordsOf(text).length;
  return words > 0 || text.trim() === "" ? words : 1;
}

/** How alike two blocks read, 0 to 1: the Dice coefficient of their words (as multisets). */
function similarity(left: string[], right: string[]): number {
  if (left.length + right.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const word of left) counts.set(word, (counts.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of right) {
    const count = counts.get(word) ?? 0;
    if (count > 0) {
      shared++;
      counts.set(word, count - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

/**
 * Below this, two changed blocks are shown as one removed and one added rather than as an edit:
 * unrelated paragraphs share a few common words, and a word diff between them is noise.
 */
const MIN_PAIR_SIMILARITY = 0.4;
/** Past this many removed × added blocks in one stretch (a rewrite), pairing is not worth its quadratic cost. */
const MAX_ALIGNMENT_CELLS = 40_000;

type Alignment = { left?: string; right?: string };

/**
 * Aligns the blocks removed and added between two unchanged stretches: keeps their order, pairs
 * the blocks that read alike (most similarity in total), and leaves the others on their own.
 */
function alignChangedBlocks(removed: string[], added: string[]): Alignment[] {
  if (removed.length === 0 || added.length === 0 || removed.length * added.length > MAX_ALIGNMENT_CELLS) {
    return [...removed.map((left) => ({ left })), ...added.map((right) => ({ right }))];
  }
  const removedWords = removed.map(wordsOf);
  const addedWords = added.map(wordsOf);
  const pairScore = (i: number, j: number) => {
    const score = similarity(removedWords[i] as string[], addedWords[j] as string[]);
    return score >= MIN_PAIR_SIMILARITY ? score : Number.NEGATIVE_INFINITY;
  };
  // best[i][j]: the most similarity pairing can reach over removed[i..] and added[j..].
  const best = Array.from({ length: removed.length + 1 }, () => new Array<number>(added.length + 1).fill(0));
  const row = (i: number) => best[i] as number[];
  for (let i = removed.length - 1; i >= 0; i--) {
    for (let j = added.length - 1; j >= 0; j--) {
      row(i)[j] = Math.max(row(i + 1)[j] as number, row(i)[j + 1] as number, pairScore(i, j) + (row(i + 1)[j + 1] as number));
    }
  }
  const rows: Alignment[] = [];
  let i = 0;
  let j = 0;
  while (i < removed.length && j < added.length) {
    const here = row(i)[j] as number;
    if (here === pairScore(i, j) + (row(i + 1)[j + 1] as number)) rows.push({ left: removed[i++], right: added[j++] });
    else if (here === row(i + 1)[j]) rows.push({ left: removed[i++] });
    else rows.push({ right: added[j++] });
  }
  while (i < removed.length) rows.push({ left: removed[i++] });
  while (j < added.length) rows.push({ right: added[j++] });
  return rows;
}

/** A change of spacing alone is no change to a reader: it is shown as unchanged. */
function segmentOf(change: Change): PolicyDiffSegment {
  const kind = change.value.trim() === "" ? "same" : change.added ? "added" : change.removed ? "removed" : "same";
  return { kind, text: change.value };
}

/** A side-by-side row and the same change inline. */
function toRow({ left, right }: Alignment): { row: PolicyDiffRow; inline: PolicyDiffSegment[] } {
  if (left !== undefined && right !== undefined) {
    // diffWordsWithSpace keeps every character of both texts; diffWords hands the newer text's
    // spacing to unchanged runs, which garbles the older side ("12 months , then").
    const changes = diffWordsWithSpace(left, right);
    const row: PolicyDiffRow = {
      kind: "changed",
      left: changes.filter((change) => !change.added).map(segmentOf),
      right: changes.filter((change) => !change.removed).map(segmentOf),
    };
    return { row, inline: changes.map(segmentOf) };
  }
  const row: PolicyDiffRow =
    left !== undefined
      ? { kind: "removed", left: [{ kind: "removed", text: left }], right: [] }
      : { kind: "added", left: [], right: [{ kind: "added", text: right ?? "" }] };
  return { row, inline: [...row.left, ...row.right] };
}

/** Joins neighbouring segments of the same kind and drops empty ones. */
function merge(segments: PolicyDiffSegment[]): PolicyDiffSegment[] {
  const merged: PolicyDiffSegment[] = [];
  for (const segment of segments) {
    if (segment.text === "") continue;
    const last = merged.at(-1);
    if (last?.kind === segment.kind) last.text += segment.text;
    else merged.push({ ...segment });
  }
  return merged;
}

/** Word-level differences between two policy texts (markdown with the variables filled in). */
export function diffPolicyText(before: string, after: string): PolicyTextDiff {
  const left = splitBlocks(before);
  const right = splitBlocks(after);
  const sideBySide: PolicyDiffRow[] = [];
  const inline: PolicyDiffSegment[] = [];
  const push = (row: PolicyDiffRow, rowInline: PolicyDiffSegment[]) => {
    if (sideBySide.length > 0) inline.push({ kind: "same", text: "\n\n" });
    sideBySide.push({ ...row, left: merge(row.left), right: merge(row.right) });
    inline.push(...rowInline);
  };
  let removed: string[] = [];
  let added: string[] = [];
  const flushChanged = () => {
    for (const alignment of alignChangedBlocks(removed, added)) {
      const { row, inline: rowInline } = toRow(alignment);
      push(row, rowInline);
    }
    removed = [];
    added = [];
  };
  let i = 0; // next block of `left`
  let j = 0; // next block of `right`
  for (const change of diffArrays(left.map(blockKey), right.map(blockKey))) {
    const count = change.value.length;
    if (change.removed) {
      removed.push(...left.slice(i, i + count));
      i += count;
    } else if (change.added) {
      added.push(...right.slice(j, j + count));
      j += count;
    } else {
      flushChanged();
      for (let k = 0; k < count; k++) {
        const older = left[i + k] as string;
        const newer = right[j + k] as string;
        push({ kind: "same", left: [{ kind: "same", text: older }], right: [{ kind: "same", text: newer }] }, [
          { kind: "same", text: newer },
        ]);
      }
      i += count;
      j += count;
    }
  }
  flushChanged();

  const stats = { added: 0, removed: 0 };
  for (const segment of inline) {
    if (segment.kind === "added") stats.added += countWords(segment.text);
    if (segment.kind === "removed") stats.removed += countWords(segment.text);
  }
  return { inline: merge(inline), sideBySide, stats };
}

// ---------------------------------------------------------------------------------------------
// Purposes

export interface PurposeFieldChange {
  /** A dotted path into the purpose: "name", "vendor.name", "transfer.mechanism", "optIn"… */
  field: PurposeDiffField;
  before: string | boolean;
  after: string | boolean;
}

export interface PurposeChange {
  key: string;
  /** The purpose's name in the newer version. */
  name: string;
  fields: PurposeFieldChange[];
}

export interface PolicyPurposesDiff {
  /** In the newer version only, in its order. */
  added: PolicyPurpose[];
  /** In the older version only, in its order. */
  removed: PolicyPurpose[];
  /** In both with some field different, in the newer version's order. */
  changed: PurposeChange[];
}

/** Every field a purpose has besides its key, in the order a reader goes through them. */
export const PURPOSE_DIFF_FIELDS = [
  "name",
  "description",
  "category",
  "legalBasis",
  "vendor.name",
  "vendor.legalEntity",
  "transfer.destination",
  "transfer.mechanism",
  "retention",
  "optIn",
] as const;
export type PurposeDiffField = (typeof PURPOSE_DIFF_FIELDS)[number];

function purposeField(purpose: PolicyPurpose, field: PurposeDiffField): string | boolean {
  switch (field) {
    case "vendor.name":
      return purpose.vendor.name;
    case "vendor.legalEntity":
      return purpose.vendor.legalEntity;
    case "transfer.destination":
      return purpose.transfer.destination;
    case "transfer.mechanism":
      return purpose.transfer.mechanism;
    default:
      return purpose[field];
  }
}

/** What changed in the consent purposes, matched by key (a key keeps its meaning across versions). */
export function diffPurposes(before: PolicyPurpose[], after: PolicyPurpose[]): PolicyPurposesDiff {
  const beforeByKey = new Map(before.map((purpose) => [purpose.key, purpose]));
  const afterKeys = new Set(after.map((purpose) => purpose.key));
  const changed: PurposeChange[] = [];
  for (const purpose of after) {
    const previous = beforeByKey.get(purpose.key);
    if (!previous) continue;
    const fields = PURPOSE_DIFF_FIELDS.flatMap((field): PurposeFieldChange[] => {
      const was = purposeField(previous, field);
      const is = purposeField(purpose, field);
      return was === is ? [] : [{ field, before: was, after: is }];
    });
    if (fields.length > 0) changed.push({ key: purpose.key, name: purpose.name, fields });
  }
  return {
    added: after.filter((purpose) => !beforeByKey.has(purpose.key)),
    removed: before.filter((purpose) => !afterKeys.has(purpose.key)),
    changed,
  };
}
