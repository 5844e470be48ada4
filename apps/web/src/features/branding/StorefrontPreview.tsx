/**
 * A storefront as a partner's customers would see it, drawn from a draft's colours and logo: the
 * header, a price card (the tenant's own per-track price when the viewer may read prices, else a
 * sample) with the checkout button, and the consent banner. Styles are inline from
 * the draft (never the console's theme), and only the pairs the contrast check measures are used:
 * text and accent links on the background, the button label on primary, primary against the
 * background. The preview is inert: nothing in it can be focused or clicked.
 */
import { Box, Stack, Text, Title } from "@mantine/core";
import { type BrandingTheme, buttonLabelColor, type ThemeMode } from "@pc/shared";
import type { CSSProperties, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { BrandAsset } from "./branding.types";
import { type PreviewPrice, usePreviewPrice } from "./usePreviewPrice";

export interface PreviewContent {
  displayName: string;
  supportEmail: string;
  logo: BrandAsset | null;
  favicon: BrandAsset | null;
  poweredBy: boolean;
}

interface StorefrontPreviewProps extends PreviewContent {
  mode: ThemeMode;
  theme: BrandingTheme;
  price: PreviewPrice;
}

export function StorefrontPreview({ mode, theme, price, displayName, supportEmail, logo, favicon, poweredBy }: StorefrontPreviewProps) {
  const { t } = useTranslation();
  const label = buttonLabelColor(theme.primary);
  const name = displayName.trim() || t("branding.preview.unnamed");
  const hairline = `color-mix(in srgb, ${theme.text} 16%, ${theme.background})`;

  const button: CSSProperties = {
    background: theme.primary,
    color: label,
    border: `1px solid ${theme.primary}`,
    borderRadius: 8,
    padding: "8px 14px",
    font: "inherit",
    fontWeight: 600,
    fontSize: 14,
    lineHeight: 1.2,
    cursor: "pointer",
  };
  const link: CSSProperties = { color: theme.accent, textDecoration: "underline", fontSize: 14 };

  return (
    <Box component="figure" m={0} aria-labelledby={`preview-caption-${mode}`}>
      <Text id={`preview-caption-${mode}`} component="figcaption" size="sm" fw={600} mb={6}>
        {mode === "light" ? t("branding.preview.lightCaption") : t("branding.preview.darkCaption")}
      </Text>
      <div
        inert
        data-testid={`preview-${mode}`}
        style={{
          border: "1px solid var(--mantine-color-default-border)",
          borderRadius: 12,
          overflow: "hidden",
          fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
        }}
      >
        {/* The browser tab, for the favicon; drawn in neutral greys, not the partner's colours. */}
        <div
          style={{
            display: "flex",
            alignItems: "center",
            gap: 6,
            padding: "6px 10px",
            background: mode === "light" ? "#e9ecef" : "#25262b",
            color: mode === "light" ? "#212529" : "#e9ecef",
            fontSize: 12,
          }}
        >
          {favicon ? (
            <img src={favicon.url} alt="" width={14} height={14} style={{ objectFit: "contain" }} />
          ) : (
            <span aria-hidden style={{ width: 14, height: 14, borderRadius: 3, background: theme.primary, display: "inline-block" }} />
          )}
          <span style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{name}</span>
        </div>

        <div style={{ background: theme.background, color: theme.text, fontSize: 14, lineHeight: 1.45 }}>
          <header
            style={{
              display: "flex",
              alignItems: "center",
              justifyContent: "space-between",
              flexWrap: "wrap",
              gap: 12,
              padding: "12px 16px",
              borderBottom: `1px solid ${hairline}`,
            }}
          >
            <div style={{ display: "flex", alignItems: "center", gap: 10, minWidth: 0 }}>
              {logo ? (
                <img
                  src={logo.url}
                  alt={t("branding.preview.logoAlt", { name })}
                  style={{ height: 32, maxWidth: 120, objectFit: "contain" }}
                />
              ) : (
                <span
                  aria-hidden
                  style={{
                    width: 32,
                    height: 32,
                    borderRadius: 8,
                    background: theme.primary,
                    color: label,
                    display: "inline-flex",
                    alignItems: "center",
                    justifyContent: "center",
                    fontWeight: 700,
                  }}
                >
                  {name.slice(0, 1).toUpperCase()}
                </span>
              )}
              <strong style={{ fontSize: 16, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{name}</strong>
            </div>
            <nav style={{ display: "flex", gap: 14 }}>
              <span style={link}>{t("branding.preview.navPricing")}</span>
              <span style={link}>{t("branding.preview.navHelp")}</span>
            </nav>
          </header>

          <main style={{ padding: 16 }}>
            <section
              style={{
                border: `1px solid ${hairline}`,
                borderRadius: 12,
                padding: 16,
                maxWidth: 320,
              }}
            >
              <div style={{ fontWeight: 700, fontSize: 16 }}>{t("branding.preview.priceTitle")}</div>
              <div style={{ fontSize: 26, fontWeight: 700, margin: "6px 0 2px" }} data-testid={`preview-price-${mode}`}>
                {price.amount}
              </div>
              <div style={{ fontSize: 13 }}>
                {price.taxBehavior === "exclusive" ? t("branding.preview.priceNoteExclusive") : t("branding.preview.priceNote")}
              </div>
              <div style={{ margin: "10px 0 14px" }}>
                <span style={link}>{t("branding.preview.included")}</span>
              </div>
              <button type="button" tabIndex={-1} data-testid={`preview-checkout-${mode}`} style={{ ...button, width: "100%" }}>
                {t("branding.preview.checkout")}
              </button>
            </section>
          </main>

          {/* The consent banner: accepting and rejecting look the same, as consent rules require. */}
          <aside style={{ borderTop: `1px solid ${hairline}`, padding: "12px 16px" }}>
            <p style={{ margin: "0 0 10px" }}>
              {t("branding.preview.cookies")} <span style={link}>{t("branding.preview.privacyPolicy")}</span>
            </p>
            <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 8 }}>
              <button type="button" tabIndex={-1} style={button}>
                {t("branding.preview.acceptAll")}
              </button>
              <button type="button" tabIndex={-1} style={button}>
                {t("branding.preview.rejectAll")}
              </button>
              <span style={{ ...link, marginLeft: 4 }}>{t("branding.preview.customise")}</span>
            </div>
          </aside>

          <footer
            style={{
              borderTop: `1px solid ${hairline}`,
              padding: "10px 16px",
              fontSize: 12,
              display: "flex",
              flexWrap: "wrap",
              justifyContent: "space-between",
              gap: 8,
            }}
          >
            <span>
              {t("branding.preview.support")} <span style={{ ...link, fontSize: 12 }}>{supportEmail.trim() || "support@example.com"}</span>
            </span>
            {poweredBy && <span>{t("branding.preview.poweredBy")}</span>}
          </footer>
        </div>
      </div>
    </Box>
  );
}

/** The same storefront in both themes, side by side where there is room. */
export function BrandingPreview({ colors, content }: { colors: Record<ThemeMode, BrandingTheme>; content: PreviewContent }) {
  const price = usePreviewPrice();
  return (
    <Box
      style={{ display: "grid", gap: "var(--mantine-spacing-md)", gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 300px), 1fr))" }}
    >
      <StorefrontPreview mode="light" theme={colors.light} price={price} {...content} />
      <StorefrontPreview mode="dark" theme={colors.dark} price={price} {...content} />
    </Box>
  );
}

/**
 * The preview's column beside the form: on wide screens it stays in view while the form scrolls,
 * scrolling on its own when both themes do not fit (`reserve` leaves room for a sticky action bar).
 */
export function PreviewColumn({
  title,
  hint,
  reserve = "0px",
  children,
}: {
  title: string;
  hint?: string;
  reserve?: string;
  children: ReactNode;
}) {
  return (
    <Box
      pos={{ base: "static", lg: "sticky" }}
      top={{ lg: "calc(60px + var(--mantine-spacing-lg))" }}
      mah={{ lg: `calc(100vh - 60px - 2 * var(--mantine-spacing-lg) - ${reserve})` }}
      style={{ overflowY: "auto" }}
      // A region that may scroll on its own must be reachable by keyboard.
      tabIndex={0}
      role="region"
      aria-label={title}
    >
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            {title}
          </Title>
          {hint && (
            <Text size="sm" c="dimmed" aria-live="polite">
              {hint}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Box>
  );
}
