/**
 * A word diff of two policy texts, inline (the whole text once, removed words before the words that
 * replace them) or side by side (older left, newer right, block by block). Changes are <ins> and
 * <del> with a word for screen readers, and read without colour too: added text is underlined,
 * removed text struck through.
 */
import { Box, Button, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import type { PolicyDiffRow, PolicyDiffSegment } from "@pc/shared";
import { IconArrowsVertical } from "@tabler/icons-react";
import { Fragment, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import classes from "./policies.module.css";

function Segments({ segments }: { segments: readonly PolicyDiffSegment[] }) {
  const { t } = useTranslation();
  return segments.map((segment, index) => {
    const key = `${index}:${segment.kind}`;
    if (segment.kind === "added") {
      return (
        <ins key={key}>
          <VisuallyHidden>{t("policies.diff.addedStart")}</VisuallyHidden>
          {segment.text}
          <VisuallyHidden>{t("policies.diff.addedEnd")}</VisuallyHidden>
        </ins>
      );
    }
    if (segment.kind === "removed") {
      return (
        <del key={key}>
          <VisuallyHidden>{t("policies.diff.removedStart")}</VisuallyHidden>
          {segment.text}
          <VisuallyHidden>{t("policies.diff.removedEnd")}</VisuallyHidden>
        </del>
      );
    }
    return <Fragment key={key}>{segment.text}</Fragment>;
  });
}

/** The inline segments cut into blocks (what blank lines separate), each knowing whether it changed. */
function inlineBlocks(segments: readonly PolicyDiffSegment[]): { segments: PolicyDiffSegment[]; changed: boolean }[] {
  const blocks: { segments: PolicyDiffSegment[]; changed: boolean }[] = [{ segments: [], changed: false }];
  for (const segment of segments) {
    if (segment.kind !== "same") {
      const current = blocks.at(-1);
      current?.segments.push(segment);
      if (current) current.changed = true;
      continue;
    }
    segment.text.split(/\n\n+/).forEach((piece, index) => {
      if (index > 0) blocks.push({ segments: [], changed: false });
      if (piece) blocks.at(-1)?.segments.push({ kind: "same", text: piece });
    });
  }
  return blocks.filter((block) => block.segments.length > 0);
}

interface InlineDiffProps {
  segments: readonly PolicyDiffSegment[];
  label: string;
  foldUnchangedText: boolean;
}

export function InlineDiff({ segments, label, foldUnchangedText }: InlineDiffProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const blocks = inlineBlocks(segments);
  // The same folding as side by side: a block is a row whose two sides are equal or not.
  const rows: PolicyDiffRow[] = blocks.map((block) => ({ kind: block.changed ? "changed" : "same", left: block.segments, right: [] }));
  const items: Item[] = foldUnchangedText ? foldUnchanged(rows) : rows.map((row, index) => ({ type: "row", row, index }));
  return (
    <section className={classes.diffText} aria-label={label}>
      <Stack gap="sm">
        {items.map((item) => {
          if (item.type === "fold" && !opened.has(item.id)) {
            return (
              <Box key={item.id}>
                <FoldButton count={item.rows.length} onClick={() => setOpened((current) => new Set(current).add(item.id))} />
              </Box>
            );
          }
          const entries = item.type === "fold" ? item.rows : [item];
          return entries.map(({ row, index }) => (
            <div key={index}>
              <Segments segments={row.left} />
            </div>
          ));
        })}
      </Stack>
      {blocks.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("policies.diff.empty")}
        </Text>
      )}
    </section>
  );
}

function FoldButton({ count, onClick }: { count: number; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button size="compact-xs" variant="subtle" color="gray" leftSection={<IconArrowsVertical size={12} />} onClick={onClick}>
      {t("policies.diff.showUnchanged", { count })}
    </Button>
  );
}

/** Unchanged stretches longer than this fold away (a few lines of context stay on either side). */
const CONTEXT = 1;
const FOLD_AT = 2 * CONTEXT + 2;

type Item =
  | { type: "row"; row: PolicyDiffRow; index: number }
  | { type: "fold"; rows: { row: PolicyDiffRow; index: number }[]; id: string };

/** Rows, with long runs of unchanged blocks folded into one expandable line. */
function foldUnchanged(rows: readonly PolicyDiffRow[]): Item[] {
  const items: Item[] = [];
  let run: { row: PolicyDiffRow; index: number }[] = [];
  const flush = (atStart: boolean, atEnd: boolean) => {
    const keepBefore = atStart ? 0 : CONTEXT;
    const keepAfter = atEnd ? 0 : CONTEXT;
    if (run.length >= FOLD_AT) {
      for (const entry of run.slice(0, keepBefore)) items.push({ type: "row", ...entry });
      const folded = run.slice(keepBefore, run.length - keepAfter);
      items.push({ type: "fold", rows: folded, id: `fold-${folded[0]?.index}` });
      for (const entry of run.slice(run.length - keepAfter)) items.push({ type: "row", ...entry });
    } else {
      for (const entry of run) items.push({ type: "row", ...entry });
    }
    run = [];
  };
  rows.forEach((row, index) => {
    if (row.kind === "same") {
      run.push({ row, index });
      return;
    }
    flush(items.length === 0, false);
    items.push({ type: "row", row, index });
  });
  flush(items.length === 0, true);
  return items;
}

interface SideBySideDiffProps {
  rows: readonly PolicyDiffRow[];
  leftTitle: ReactNode;
  rightTitle: ReactNode;
  /** Fold long runs of unchanged text. */
  foldUnchangedText: boolean;
}

export function SideBySideDiff({ rows, leftTitle, rightTitle, foldUnchangedText }: SideBySideDiffProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const items: Item[] = foldUnchangedText ? foldUnchanged(rows) : rows.map((row, index) => ({ type: "row", row, index }));

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table layout="fixed" verticalSpacing="xs" withColumnBorders highlightOnHover={false} className={classes.diffText}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="50%">{leftTitle}</Table.Th>
            <Table.Th w="50%">{rightTitle}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            if (item.type === "fold" && !opened.has(item.id)) {
              return (
                <Table.Tr key={item.id}>
                  <Table.Td colSpan={2} ta="center" p={4}>
                    <FoldButton count={item.rows.length} onClick={() => setOpened((current) => new Set(current).add(item.id))} />
                  </Table.Td>
                </Table.Tr>
              );
            }
            const entries = item.type === "fold" ? item.rows : [item];
            return entries.map(({ row, index }) => (
              <Table.Tr key={index} bg={row.kind === "same" ? undefined : "var(--mantine-color-default-hover)"}>
                <Table.Td style={{ verticalAlign: "top" }}>
                  {row.left.length > 0 ? (
                    <Segments segments={row.left} />
                  ) : (
                    <Text span size="xs" c="dimmed" fs="italic">
                      {t("policies.diff.notInOlder")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ verticalAlign: "top" }}>
                  {row.right.length > 0 ? (
                    <Segments segments={row.right} />
                  ) : (
                    <Text span size="xs" c="dimmed" fs="italic">
                      {t("policies.diff.notInNewer")}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ));
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
