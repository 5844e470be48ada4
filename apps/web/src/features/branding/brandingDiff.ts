/**
 * What a draft changes against the version in effect, field by field, in the same field names the
 * server's history uses (`colors.light.primary`), and how a field is named for people.
 */
import { THEME_MODES } from "@pc/shared";
import type { TFunction } from "i18next";
import type { BrandingFieldChange } from "./branding.types";
import { type BrandingFormValues, THEME_FIELDS } from "./brandingForm";

type Comparable = Pick<BrandingFormValues, "displayName" | "legalName" | "legalAddress" | "supportEmail" | "logo" | "favicon" | "colors">;

const TEXT_FIELDS = ["displayName", "legalName", "legalAddress", "supportEmail"] as const;

export function diffBranding(before: Comparable | null, after: Comparable): BrandingFieldChange[] {
  const changes: BrandingFieldChange[] = [];
  for (const field of TEXT_FIELDS) {
    const from = before?.[field] ?? null;
    const to = after[field].trim();
    if (from !== to) changes.push({ field, before: from, after: to });
  }
  for (const field of ["logo", "favicon"] as const) {
    const from = before?.[field] ?? null;
    const to = after[field];
    if ((from?.id ?? null) !== (to?.id ?? null)) changes.push({ field, before: from, after: to });
  }
  for (const mode of THEME_MODES) {
    for (const field of THEME_FIELDS) {
      const from = before?.colors[mode][field] ?? null;
      const to = after.colors[mode][field].trim().toLowerCase();
      if (from !== to) changes.push({ field: `colors.${mode}.${field}`, before: from, after: to });
    }
  }
  return changes;
}

/** "Primary colour (light theme)", "Support email"; a field this page does not know keeps its name. */
export function fieldLabel(field: string, t: TFunction): string {
  const colour = /^colors\.(light|dark)\.(primary|accent|background|text)$/.exec(field);
  if (colour) {
    const [, mode, name] = colour as unknown as [string, "light" | "dark", (typeof THEME_FIELDS)[number]];
    return t("branding.colors.fieldInTheme", { field: t(`branding.colors.${name}`), theme: t(`branding.colors.${mode}Lower`) });
  }
  switch (field) {
    case "displayName":
    case "legalName":
    case "legalAddress":
    case "supportEmail":
    case "changeSummary":
      return t(`branding.fields.${field}`);
    case "logo":
    case "logoAssetId":
      return t("branding.assets.logo");
    case "favicon":
    case "faviconAssetId":
      return t("branding.assets.favicon");
    case "poweredBy":
      return t("branding.poweredBy.label");
    default:
      return field;
  }
}
