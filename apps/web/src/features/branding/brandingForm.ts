/**
 * The branding editor's values: what a version holds, in the shape the form edits (assets as the
 * uploaded objects, so the preview can show them), and the conversions to and from the server.
 */
import {
  type BrandingColors,
  type BrandingTheme,
  normaliseHexColor,
  type SaveBrandingDraftInput,
  type THEME_MODES,
  ZBrandingFields,
  ZSaveBrandingDraftInput,
} from "@pc/shared";
import type { BrandAsset, BrandingState, BrandingVersionView } from "./branding.types";

export interface BrandingFormValues {
  displayName: string;
  legalName: string;
  legalAddress: string;
  supportEmail: string;
  logo: BrandAsset | null;
  favicon: BrandAsset | null;
  colors: BrandingColors;
  changeSummary: string;
}

/** The fields the form shows, by the names the server's field errors use. */
export const BRANDING_FIELDS = [
  "displayName",
  "legalName",
  "legalAddress",
  "supportEmail",
  "logoAssetId",
  "faviconAssetId",
  "colors",
  "changeSummary",
] as const;

export const THEME_FIELDS = ["primary", "accent", "background", "text"] as const satisfies readonly (keyof BrandingTheme)[];

/** A tenant's first draft starts from colours that pass every check in both themes. */
export const DEFAULT_COLORS: BrandingColors = {
  light: { primary: "#1f6feb", accent: "#bc4c00", background: "#ffffff", text: "#1f2328" },
  dark: { primary: "#58a6ff", accent: "#ffa657", background: "#0d1117", text: "#e6edf3" },
};

/** Validates what the form holds with the server's own rules (assets are checked on upload). */
export const ZBrandingForm = ZBrandingFields.omit({ logoAssetId: true, faviconAssetId: true }).extend({
  changeSummary: ZSaveBrandingDraftInput.shape.changeSummary,
});

function cloneColors(colors: BrandingColors): BrandingColors {
  return { light: { ...colors.light }, dark: { ...colors.dark } };
}

export function toFormValues(version: BrandingVersionView | null, tenantName: string): BrandingFormValues {
  if (!version) {
    return {
      displayName: tenantName,
      legalName: "",
      legalAddress: "",
      supportEmail: "",
      logo: null,
      favicon: null,
      colors: cloneColors(DEFAULT_COLORS),
      changeSummary: "",
    };
  }
  return {
    displayName: version.displayName,
    legalName: version.legalName,
    legalAddress: version.legalAddress,
    supportEmail: version.supportEmail,
    logo: version.logo,
    favicon: version.favicon,
    colors: cloneColors(version.colors),
    // A summary says what one draft changes; a new draft starts without one.
    changeSummary: version.status === "draft" ? (version.changeSummary ?? "") : "",
  };
}

export function toSaveInput(values: BrandingFormValues, expectedRevision: number | undefined): SaveBrandingDraftInput {
  const changeSummary = values.changeSummary.trim();
  return {
    displayName: values.displayName,
    legalName: values.legalName,
    legalAddress: values.legalAddress,
    supportEmail: values.supportEmail,
    logoAssetId: values.logo?.id ?? null,
    faviconAssetId: values.favicon?.id ?? null,
    colors: values.colors,
    changeSummary: changeSummary === "" ? undefined : changeSummary,
    expectedRevision,
  };
}

/** The newest published version, which a new draft builds on: a scheduled one if any, else the one in effect. */
export function latestPublished(state: BrandingState): BrandingVersionView | null {
  const candidates = [...state.scheduled, ...(state.inEffect ? [state.inEffect] : [])];
  return candidates.reduce<BrandingVersionView | null>(
    (latest, version) => (latest === null || (version.version ?? 0) > (latest.version ?? 0) ? version : latest),
    null,
  );
}

/**
 * The colours to preview and check while someone types: each field's value when it is a colour,
 * else the last saved one, so a half-typed "#1f6" does not blank the preview.
 */
export function liveColors(colors: BrandingColors, fallback: BrandingColors): BrandingColors {
  const theme = (mode: (typeof THEME_MODES)[number]): BrandingTheme => {
    const result = { ...fallback[mode] };
    for (const field of THEME_FIELDS) {
      const value = normaliseHexColor(colors[mode][field] ?? "");
      if (value) result[field] = value;
    }
    return result;
  };
  return { light: theme("light"), dark: theme("dark") };
}
