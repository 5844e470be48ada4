/**
 * The draft editor's values (amounts as typed, in major units) and how they become the input of
 * prices.saveDraft (integer minor units), checked by the same rules as the server.
 */
import { randomId } from "@mantine/hooks";
import {
  type CurrencyCode,
  MAX_BUNDLE_TRACKS,
  MAX_PRICE_BUNDLES,
  MIN_BUNDLE_TRACKS,
  type SavePriceDraftInput,
  type TaxBehavior,
  ZSavePriceDraftInput,
} from "@pc/shared";
import type { TFunction } from "i18next";
import { translateMessage } from "../../i18n/messages";
import type { PriceValues } from "./priceDiff";
import type { Money } from "./useMoney";

export const MAX_SUMMARY_LENGTH = 500;

export interface BundleValues {
  /** Keeps a row's inputs (and focus) when another row is removed. */
  key: string;
  tracks: number | string;
  amount: string;
}

export interface DraftValues {
  perTrack: string;
  bundles: BundleValues[];
  taxBehavior: TaxBehavior;
  changeSummary: string;
}

export function newBundle(tracks: number | string = "", amount = ""): BundleValues {
  return { key: randomId(), tracks, amount };
}

/** What the editor starts from: a draft, else the version it changes (without its summary), else nothing. */
export function draftValues(
  source: (PriceValues & { changeSummary?: string | null }) | null,
  currency: CurrencyCode,
  money: Money,
  { keepSummary }: { keepSummary: boolean },
): DraftValues {
  if (!source) return { perTrack: "", bundles: [], taxBehavior: "inclusive", changeSummary: "" };
  return {
    perTrack: money.toInput(source.perTrack.unitAmount, currency),
    bundles: [...source.bundles]
      .sort((a, b) => a.tracks - b.tracks)
      .map((bundle) => newBundle(bundle.tracks, money.toInput(bundle.unitAmount, currency))),
    taxBehavior: source.taxBehavior === "exclusive" ? "exclusive" : "inclusive",
    changeSummary: keepSummary ? (source.changeSummary ?? "") : "",
  };
}

/** A bundle's number of tracks, or null while it is not a whole number in range. */
export function tracksOf(value: number | string): number | null {
  const tracks = typeof value === "number" ? value : Number(value.trim());
  if (value === "" || !Number.isInteger(tracks) || tracks < MIN_BUNDLE_TRACKS || tracks > MAX_BUNDLE_TRACKS) return null;
  return tracks;
}

type DraftInput = Omit<SavePriceDraftInput, "expectedRevision">;

/** Field errors (keyed like the form's paths) and, when there are none, the procedure's input. */
export function checkDraft(
  values: DraftValues,
  currency: CurrencyCode,
  money: Money,
  t: TFunction,
): { errors: Record<string, string>; input?: DraftInput } {
  const errors: Record<string, string> = {};
  const perTrack = money.parse(values.perTrack, currency);
  if (!perTrack.ok) errors.perTrack = perTrack.message;

  const seen = new Set<number>();
  const bundles: { tracks: number; unitAmount: number }[] = [];
  values.bundles.forEach((bundle, index) => {
    const tracks = tracksOf(bundle.tracks);
    if (tracks === null) {
      errors[`bundles.${index}.tracks`] = t("prices.editor.tracksRange", { min: MIN_BUNDLE_TRACKS, max: MAX_BUNDLE_TRACKS });
    } else if (seen.has(tracks)) {
      errors[`bundles.${index}.tracks`] = t("prices.editor.duplicateBundle", { count: tracks });
    }
    if (tracks !== null) seen.add(tracks);
    const amount = money.parse(bundle.amount, currency);
    if (!amount.ok) errors[`bundles.${index}.amount`] = amount.message;
    if (tracks !== null && amount.ok) bundles.push({ tracks, unitAmount: amount.minor });
  });
  if (values.bundles.length > MAX_PRICE_BUNDLES) errors.bundles = t("prices.editor.tooManyBundles", { max: MAX_PRICE_BUNDLES });
  if (values.changeSummary.trim().length > MAX_SUMMARY_LENGTH) {
    errors.changeSummary = t("prices.editor.summaryTooLong", { max: MAX_SUMMARY_LENGTH });
  }
  if (Object.keys(errors).length > 0 || !perTrack.ok) return { errors };

  const input: DraftInput = {
    currency,
    perTrack: { unitAmount: perTrack.minor },
    bundles,
    taxBehavior: values.taxBehavior,
    changeSummary: values.changeSummary.trim() || undefined,
  };
  // The server's own schema as the last word, so the form never sends what it would refuse.
  const checked = ZSavePriceDraftInput.safeParse(input);
  if (!checked.success) return { errors: { form: translateMessage(checked.error.issues[0]?.message ?? "") } };
  return { errors: {}, input };
}
