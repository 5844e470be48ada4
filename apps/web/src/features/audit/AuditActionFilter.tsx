/** Filter by action: type one or pick one seen so far; applied on Enter, on pick, or with the button. */
import { Autocomplete, Button, Group } from "@mantine/core";
import { IconFilter, IconX } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** Actions the console itself records; more appear as they are seen in the log. */
const KNOWN_ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "invitation.accept",
  "invitation.revoke",
  "session.revoke",
  "session.revoke_all",
  "session.revoke_others",
  "staff.switch_tenant",
  "team.change_role",
  "team.remove",
  "tenant.create",
  "tenant.reactivate",
  "tenant.suspend",
  "user.change_password",
  "user.change_role",
  "user.invite",
];

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
  const suggestions = [...new Set([...seenActions, ...KNOWN_ACTIONS])].sort();

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
