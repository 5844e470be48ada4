import { Button, Menu } from "@mantine/core";
import { IconDots } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface RowActionsMenuProps {
  /** Names the row, so that each row's button has a name of its own ("Actions for Nora Berg"). */
  label: string;
  loading?: boolean;
  /** The menu's items. */
  children: ReactNode;
}

/** A table row's "Actions" button and the menu it opens. */
export function RowActionsMenu({ label, loading, children }: RowActionsMenuProps) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" rightSection={<IconDots size={14} />} aria-label={label} loading={loading}>
          {t("common.actions")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>{children}</Menu.Dropdown>
    </Menu>
  );
}
