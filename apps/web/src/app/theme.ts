/** The console's Mantine theme: defaults, a visible focus ring, and named close buttons. */
import { createTheme } from "@mantine/core";

/** Mantine's close buttons carry no text; the theme gives them a name in the chosen language. */
export function createConsoleTheme(closeLabel: string) {
  const closeButtonProps = { "aria-label": closeLabel };
  return createTheme({
    primaryColor: "indigo",
    defaultRadius: "md",
    focusRing: "auto",
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
    components: {
      Table: { defaultProps: { highlightOnHover: true, verticalSpacing: "sm" } },
      Modal: { defaultProps: { centered: true, closeButtonProps } },
      Drawer: { defaultProps: { closeButtonProps } },
      Notification: { defaultProps: { closeButtonProps } },
    },
  });
}
