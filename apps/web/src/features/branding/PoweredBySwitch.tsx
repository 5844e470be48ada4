/**
 * The "Powered by Masterchannel" line on the storefront. Everyone sees whether it is on; only
 * operator staff (branding.set_powered_by) may switch it, and a switch publishes at once.
 */
import { Stack, Switch } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";

interface PoweredBySwitchProps {
  checked: boolean;
  canChange: boolean;
  /** Said under the switch when it cannot be changed. */
  reason?: string;
  /** Resolves once published; a refusal is shown by the global error notification. */
  onChange: (poweredBy: boolean) => Promise<unknown>;
  pending: boolean;
}

export function PoweredBySwitch({ checked, canChange, reason, onChange, pending }: PoweredBySwitchProps) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<boolean | null>(null);

  return (
    <Stack gap={4}>
      <Switch
        label={t("branding.poweredBy.label")}
        description={reason ?? t("branding.poweredBy.hintStaff")}
        checked={checked}
        disabled={!canChange || pending}
        onChange={(event) => setAsking(event.currentTarget.checked)}
      />
      <ConfirmModal
        opened={asking !== null}
        title={asking ? t("branding.poweredBy.turnOnTitle") : t("branding.poweredBy.turnOffTitle")}
        confirmLabel={asking ? t("branding.poweredBy.turnOn") : t("branding.poweredBy.turnOff")}
        loading={pending}
        onClose={() => setAsking(null)}
        onConfirm={() => {
          if (asking === null) return;
          onChange(asking).then(
            () => setAsking(null),
            () => undefined,
          );
        }}
      >
        {t("branding.poweredBy.confirmBody")}
      </ConfirmModal>
    </Stack>
  );
}
