/**
 * Policy markdown beside its live preview: the text as the sanitiser will let readers see it,
 * variables filled in with sample values (or shown by name) and highlighted, unknown variables
 * flagged as they are typed, and the known ones a click away.
 */
import { Alert, Box, Button, Grid, Group, Paper, SegmentedControl, Stack, Text, Textarea, Tooltip } from "@mantine/core";
import { POLICY_VARIABLES, type PolicyVariable, type PolicyVariableValues, unknownVariables } from "@pc/shared";
import { IconAlertTriangle, IconBraces } from "@tabler/icons-react";
import { type ReactNode, useDeferredValue, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { PolicyHtml, previewHtml } from "./PolicyHtml";
import classes from "./policies.module.css";
import type { VariableDisplay } from "./policyPreview";

interface MarkdownEditorProps {
  label: string;
  description?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: ReactNode;
  disabled?: boolean;
  /** Sample values the preview fills in. */
  values: PolicyVariableValues;
  /** What the preview region is called ("Preview of the draft"). */
  previewLabel: string;
  maxLength?: number;
  /** Names the values the preview fills in ("Sample values", "Your values") and says where they come from. */
  valuesLabel?: { label: string; hint: string };
  /** Height of the textarea and the preview, in lines of text. */
  rows?: number;
}

export function MarkdownEditor(props: MarkdownEditorProps) {
  const { label, description, value, onChange, onBlur, error, disabled, values, previewLabel, maxLength, valuesLabel, rows = 26 } = props;
  const { t } = useTranslation();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const preview = useRef<HTMLDivElement>(null);
  const [display, setDisplay] = useState<VariableDisplay>("values");
  const unknownId = useId();
  // The preview may lag a keystroke behind on a long policy; typing never waits for it.
  const deferred = useDeferredValue(value);
  const html = useMemo(() => previewHtml(deferred, values, display), [deferred, values, display]);
  const unknown = useMemo(() => unknownVariables(value), [value]);

  function insert(variable: PolicyVariable) {
    const element = textarea.current;
    const text = `{{${variable}}}`;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + text + value.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  /** Keeps the preview at the same place in the text as the textarea, proportionally. */
  function followScroll() {
    const source = textarea.current;
    const target = preview.current;
    if (!source || !target) return;
    const range = source.scrollHeight - source.clientHeight;
    const ratio = range > 0 ? source.scrollTop / range : 0;
    target.scrollTop = ratio * (target.scrollHeight - target.clientHeight);
  }

  const unknownAlert = unknown.length > 0 && (
    <Alert color="orange" icon={<IconAlertTriangle size={18} />} id={unknownId} aria-live="polite" py="xs">
      <Text size="sm">
        {t("policies.editor.unknownVariables", { count: unknown.length })}{" "}
        {unknown.map((name, index) => (
          <span key={name}>
            {index > 0 && ", "}
            <code className={classes.unknownVariable}>{`{{${name}}}`}</code>
          </span>
        ))}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {t("policies.editor.unknownVariablesHint")}
      </Text>
    </Alert>
  );

  return (
    <Stack gap="sm">
      <Grid gap="md" align="stretch">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="xs">
            <Textarea
              ref={textarea}
              label={label}
              description={description}
              value={value}
              onChange={(event) => onChange(event.currentTarget.value)}
              onBlur={onBlur}
              onScroll={followScroll}
              // An unknown variable marks the field (its names are listed below it).
              error={error ?? (unknown.length > 0 ? true : undefined)}
              disabled={disabled}
              maxLength={maxLength}
              withAsterisk
              rows={rows}
              resize="vertical"
              spellCheck
              styles={{
                input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: "var(--mantine-font-size-sm)", lineHeight: 1.55 },
              }}
            />
            {unknownAlert}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap={6}>
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Text size="sm" fw={500} component="h3" m={0}>
                {t("policies.editor.preview")}
              </Text>
              <SegmentedControl
                size="xs"
                value={display}
                onChange={(next) => setDisplay(next === "names" ? "names" : "values")}
                aria-label={t("policies.editor.variablesShownAs")}
                data={[
                  { value: "values", label: valuesLabel?.label ?? t("policies.editor.showSamples") },
                  { value: "names", label: t("policies.editor.showNames") },
                ]}
              />
            </Group>
            <Paper
              ref={preview}
              withBorder
              p="md"
              radius="md"
              h={`calc(${rows} * 1.55 * var(--mantine-font-size-sm) + 20px)`}
              style={{ overflow: "auto", resize: "vertical" }}
            >
              {deferred.trim() === "" ? (
                <Text size="sm" c="dimmed">
                  {t("policies.editor.previewEmpty")}
                </Text>
              ) : (
                <PolicyHtml html={html} label={previewLabel} />
              )}
            </Paper>
            <Text size="xs" c="dimmed">
              {display === "values"
                ? (valuesLabel?.hint ?? t("policies.editor.previewHintSamples"))
                : t("policies.editor.previewHintNames")}
            </Text>
          </Stack>
        </Grid.Col>
      </Grid>

      <Box>
        <Text size="sm" fw={500} id={`${unknownId}-vars`}>
          {t("policies.editor.variables")}
        </Text>
        <Text size="xs" c="dimmed" mb={6}>
          {t("policies.editor.variablesHint")}
        </Text>
        <Group gap={6} role="group" aria-labelledby={`${unknownId}-vars`}>
          {POLICY_VARIABLES.map((variable) => (
            <Tooltip key={variable} label={t("policies.editor.sampleValue", { value: values[variable] })} withinPortal>
              <Button
                size="compact-xs"
                variant="default"
                ff="monospace"
                leftSection={<IconBraces size={12} />}
                onClick={() => insert(variable)}
                disabled={disabled}
                aria-label={t("policies.editor.insertVariable", { variable: `{{${variable}}}` })}
              >
                {variable}
              </Button>
            </Tooltip>
          ))}
        </Group>
      </Box>
    </Stack>
  );
}
