/**
 * Filter by action: type one (its code or words of its label) or pick one the console records or
 * that was seen so far; applied on Enter, on pick, or with the button. The filter is the code.
 */
import { Autocomplete, Button, type ComboboxItem, type ComboboxParsedItem, Group, Stack, Text } from "@mantine/core";
import { IconFilter, IconX } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { isKnownAuditAction, KNOWN_AUDIT_ACTIONS } from "./auditActions.messages";

interface AuditActionFilterProps {
  value: string;
  seenActions: string[];
  onChange: (action: string) => void;
}

export function AuditActionFilter({ value, seenActions, onChange }: AuditActionFilterProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const [suggesting, setSuggesting] = useState(false);
  useEffect(() => setDraft(value), [value]);
  const suggestions = [...new Set([...seenActions, ...KNOWN_AUDIT_ACTIONS])].sort();
  // Labels in the chosen language, by code; actions recorded by a newer server have none.
  const labels = new Map(suggestions.map((action) => [action, isKnownAuditAction(action) ? t(`audit.actions.${action}`) : undefined]));
  const filter = ({ options, search }: { options: ComboboxParsedItem[]; search: string }) => {
    const words = search.toLowerCase().trim().split(/\s+/).filter(Boolean);
    return (options as ComboboxItem[]).filter((option) => {
      const text = `${option.value} ${labels.get(option.value) ?? ""}`.toLowerCase();
      return words.every((word) => text.includes(word));
    });
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        setSuggesting(false);
        onChange(draft.trim());
      }}
    >
      <Group align="flex-end" gap="sm">
        <Autocomplete
          label={t("audit.filterByAction")}
          placeholder={t("audit.actionPlaceholder")}
          value={draft}
          onChange={(next) => {
            setDraft(next);
            setSuggesting(true);
          }}
          dropdownOpened={suggesting}
          onDropdownOpen={() => setSuggesting(true)}
          onDropdownClose={() => setSuggesting(false)}
          onOptionSubmit={(option) => {
            setSuggesting(false);
            onChange(option);
          }}
          data={suggestions}
          filter={filter}
          renderOption={({ option }) => {
            const label = labels.get(option.value);
            return (
              <Stack gap={0}>
                {label && <Text size="sm">{label}</Text>}
                <Text size={label ? "xs" : "sm"} c={label ? "dimmed" : undefined} ff="monospace">
                  {option.value}
                </Text>
              </Stack>
            );
          }}
          w={{ base: "100%", xs: 320 }}
          maxLength={80}
        />
        <Button type="submit" variant="light" leftSection={<IconFilter size={16} />}>
          {t("audit.applyFilter")}
        </Button>
        {value && (
          <Button variant="subtle" color="gray" leftSection={<IconX size={16} />} onClick={() => onChange("")}>
            {t("audit.clearFilter")}
          </Button>
        )}
      </Group>
    </form>
  );
}
