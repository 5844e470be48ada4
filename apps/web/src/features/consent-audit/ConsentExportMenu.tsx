/**
 * "Export" on the consent records page: the current search as CSV, CSV for Norwegian spreadsheets
 * (semicolons, byte-order mark) or NDJSON, from GET /api/exports/consent-records.* (the session
 * cookie; audited on the server). The response is read as a stream so a progress bar can count
 * rows (newlines) against the server's X-Estimated-Total, and Cancel aborts the request; the file
 * is saved once it has all arrived.
 */
import { Button, Group, Menu, Progress, Stack, Text } from "@mantine/core";
import { IconChevronDown, IconDownload } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { translateMessage } from "../../i18n/messages";
import { saveBlob } from "../../lib/download";
import { useFormat } from "../../lib/format";
import { type Filters, searchInputOf } from "./consentAuditParams";

export type ConsentExportKind = "csv" | "csv-nb" | "ndjson";

/** The export of the search the page shows, with the same filters the search procedure gets. */
export function consentExportUrl(kind: ConsentExportKind, filters: Filters, { staff }: { staff: boolean }): string {
  const input = searchInputOf(filters, { staff });
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(input)) {
    if (value instanceof Date) query.set(name, value.toISOString());
    else if (value) query.set(name, value);
  }
  if (kind !== "ndjson") query.set("variant", kind === "csv-nb" ? "nb" : "standard");
  return `/api/exports/consent-records.${kind === "ndjson" ? "ndjson" : "csv"}?${query}`;
}

class ExportFailed extends Error {}

const NEWLINE = 10;

/** The file name the server chose (Content-Disposition), or a plain one. */
function fileNameOf(response: Response, kind: ConsentExportKind): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "");
  return match?.[1] ?? `consent-records.${kind === "ndjson" ? "ndjson" : "csv"}`;
}

/**
 * Reads the export to its end, calling `onRows` as rows arrive (one a line; a CSV's first line is
 * its header). Paths cannot hold line breaks, so counting newlines counts rows.
 */
async function fetchExport(
  url: string,
  kind: ConsentExportKind,
  signal: AbortSignal,
  onRows: (rows: number, total: number | null) => void,
) {
  const response = await fetch(url, { signal, credentials: "same-origin" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ExportFailed(body?.error?.message ?? "");
  }
  const header = response.headers.get("x-estimated-total");
  const total = header !== null && /^\d+$/.test(header) ? Number(header) : null;
  const headerLines = kind === "ndjson" ? 0 : 1;
  const chunks: Uint8Array[] = [];
  let lines = 0;
  onRows(0, total);
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      for (const byte of value) if (byte === NEWLINE) lines += 1;
      onRows(Math.max(0, lines - headerLines), total);
    }
  }
  const type = kind === "ndjson" ? "application/x-ndjson" : "text/csv;charset=utf-8";
  return { blob: new Blob(chunks as BlobPart[], { type }), fileName: fileNameOf(response, kind), rows: Math.max(0, lines - headerLines) };
}

type ExportState =
  | { status: "idle" }
  | { status: "running"; rows: number; total: number | null }
  | { status: "done"; rows: number }
  | { status: "cancelled" }
  | { status: "failed"; message: string };

export function ConsentExportMenu({ filters, staff }: { filters: Filters; staff: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [state, setState] = useState<ExportState>({ status: "idle" });
  const controller = useRef<AbortController | null>(null);
  // Leaving the page stops a running export.
  useEffect(() => () => controller.current?.abort(), []);

  async function start(kind: ConsentExportKind) {
    const abort = new AbortController();
    controller.current = abort;
    setState({ status: "running", rows: 0, total: null });
    try {
      const result = await fetchExport(consentExportUrl(kind, filters, { staff }), kind, abort.signal, (rows, total) =>
        setState({ status: "running", rows, total }),
      );
      saveBlob(result.blob, result.fileName);
      setState({ status: "done", rows: result.rows });
    } catch (error) {
      if (abort.signal.aborted) setState({ status: "cancelled" });
      else {
        const message = error instanceof ExportFailed && error.message ? translateMessage(error.message) : t("consentAudit.export.failed");
        setState({ status: "failed", message });
      }
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }

  const running = state.status === "running";
  return (
    <Stack gap={6} align="flex-end">
      <Menu position="bottom-end" disabled={running}>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            rightSection={<IconChevronDown size={14} />}
            disabled={running}
            aria-label={t("consentAudit.export.menuLabel")}
          >
            {t("consentAudit.export.button")}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => void start("csv")}>{t("consentAudit.export.csv")}</Menu.Item>
          <Menu.Item onClick={() => void start("csv-nb")}>{t("consentAudit.export.csvNb")}</Menu.Item>
          <Menu.Item onClick={() => void start("ndjson")}>{t("consentAudit.export.ndjson")}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {state.status === "running" && (
        <Group gap="sm" wrap="nowrap" w={360} maw="100%">
          <Stack gap={2} flex={1}>
            <Progress
              value={state.total ? Math.min(100, (state.rows / Math.max(state.total, 1)) * 100) : 100}
              animated={state.total === null}
              striped={state.total === null}
              aria-label={t("consentAudit.export.progress")}
            />
            <Text size="xs" c="dimmed" aria-live="polite">
              {state.total === null
                ? t("consentAudit.export.rowsSoFar", { rows: format.number(state.rows) })
                : t("consentAudit.export.rowsOf", { rows: format.number(state.rows), total: format.number(state.total) })}
            </Text>
          </Stack>
          <Button size="xs" variant="subtle" color="red" onClick={() => controller.current?.abort()}>
            {t("consentAudit.export.cancel")}
          </Button>
        </Group>
      )}
      {state.status === "done" && (
        <Text size="xs" c="dimmed" role="status">
          {t("consentAudit.export.done", { rows: format.number(state.rows) })}
        </Text>
      )}
      {state.status === "cancelled" && (
        <Text size="xs" c="dimmed" role="status">
          {t("consentAudit.export.cancelled")}
        </Text>
      )}
      {state.status === "failed" && (
        <Text size="xs" c="red" role="alert" maw={360}>
          {state.message}
        </Text>
      )}
    </Stack>
  );
}
