/**
 * The field-by-field difference between two versions of a tenant's branding, for the history view.
 * Pure: it reads two versions' values and lists what changed, with before and after.
 */
import { THEME_MODES } from "@pc/shared";

/** A logo or favicon as the history shows it; two versions show the same image when the ids match. */
export interface BrandAssetRef {
  id: string;
  fileName: string;
  url: string;
}

interface ThemeValues {
  primary: string;
  accent: string;
  background: string;
  text: string;
}

export interface BrandingValues {
  displayName: string;
  legalName: string;
  legalAddress: string;
  supportEmail: string;
  logo: BrandAssetRef | null;
  favicon: BrandAssetRef | null;
  colors: { light: ThemeValues; dark: ThemeValues };
  poweredBy: boolean;
}

/**
 * One changed field: `displayName`, `legalName`, `legalAddress`, `supportEmail`, `logo`, `favicon`,
 * `colors.<light|dark>.<primary|accent|background|text>` or `poweredBy`. An image field holds the
 * asset (or null when there is none).
 */
export interface BrandingFieldChange {
  field: string;
  before: string | boolean | BrandAssetRef | null;
  after: string | boolean | BrandAssetRef | null;
}

const TEXT_FIELDS = ["displayName", "legalName", "legalAddress", "supportEmail"] as const;
const THEME_FIELDS = ["primary", "accent", "background", "text"] as const;

/** What changed from `before` (null for the first version: every field is new) to `after`. */
export function diffBrandingVersions(before: BrandingValues | null, after: BrandingValues): BrandingFieldChange[] {
  const changes: BrandingFieldChange[] = [];
  const compare = (field: string, from: string | boolean | null, to: string | boolean | null) => {
    if (from !== to) changes.push({ field, before: from, after: to });
  };
  for (const field of TEXT_FIELDS) compare(field, before?.[field] ?? null, after[field]);
  for (const field of ["logo", "favicon"] as const) {
    const from = before?.[field] ?? null;
    const to = after[field];
    if ((from?.id ?? null) !== (to?.id ?? null)) changes.push({ field, before: from, after: to });
  }
  for (const mode of THEME_MODES) {
    for (const field of THEME_FIELDS) compare(`colors.${mode}.${field}`, before?.colors[mode][field] ?? null, after.colors[mode][field]);
  }
  compare("poweredBy", before?.poweredBy ?? null, after.poweredBy);
  return changes;
}
