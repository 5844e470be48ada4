/**
 * Texts that come from @pc/shared in both languages ({ en, nb }: account states, requirement labels,
 * payout failure meanings): the one for the language the console is shown in.
 */
import type { Bilingual } from "@pc/shared";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";

export function useBilingual() {
  const { i18n } = useTranslation();
  const language = (i18n.resolvedLanguage ?? i18n.language ?? "en").startsWith("nb") ? "nb" : "en";
  return useCallback((text: Bilingual) => text[language], [language]);
}
