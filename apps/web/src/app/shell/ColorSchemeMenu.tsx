/** Light, dark or the system's scheme; Mantine keeps the choice in localStorage. */
import { ActionIcon, type MantineColorScheme, Menu, useComputedColorScheme, useMantineColorScheme } from "@mantine/core";
import { IconCheck, IconDeviceDesktop, IconMoon, IconSun } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

const SCHEMES: { value: MantineColorScheme; label: "shell.schemeLight" | "shell.schemeDark" | "shell.schemeAuto" }[] = [
  { value: "light", label: "shell.schemeLight" },
  { value: "dark", label: "shell.schemeDark" },
  { value: "auto", label: "shell.schemeAuto" },
];

const ICONS = { light: IconSun, dark: IconMoon, auto: IconDeviceDesktop } as const;

export function ColorSchemeMenu() {
  const { t } = useTranslation();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme("light");
  const Icon = computed === "dark" ? IconMoon : IconSun;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="default" size="lg" aria-label={t("shell.colorScheme")}>
          <Icon size={18} stroke={1.6} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t("shell.colorScheme")}</Menu.Label>
        {SCHEMES.map((scheme) => {
          const SchemeIcon = ICONS[scheme.value];
          return (
            <Menu.Item
              key={scheme.value}
              leftSection={<SchemeIcon size={16} />}
              rightSection={colorScheme === scheme.value ? <IconCheck size={14} aria-hidden /> : null}
              onClick={() => setColorScheme(scheme.value)}
            >
              {t(scheme.label)}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
