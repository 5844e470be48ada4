/**
 * i18next set-up: English and Norwegian Bokmål, the choice kept in localStorage. Keys are typed
 * from the English resources (see i18next.d.ts), so a missing key fails the type check.
 */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en";
import { nb } from "./nb";

export const LANGUAGES = [
  { code: "en", label: "English", locale: "en-GB" },
  { code: "nb", label: "Norsk bokmål", locale: "nb-NO" },
] as const;
export type Language = (typeof LANGUAGES)[number]["code"];

const STORAGE_KEY = "pc.language";

function isLanguage(value: string | null | undefined): value is Language {
  return LANGUAGES.some((language) => language.code === value);
}

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be blocked; fall back to the browser's preference.
  }
  const preferred = navigator.languages ?? [navigator.language];
  return preferred.some((tag) => /^(nb|no|nn)\b/i.test(tag)) ? "nb" : "en";
}

/** The Intl locale for an i18next language code. */
export function localeOf(language: string): string {
  return LANGUAGES.find((entry) => language.startsWith(entry.code))?.locale ?? "en-GB";
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "en";
}

export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted, but still switched for this visit.
  }
  await i18n.changeLanguage(language);
}

i18n.on("languageChanged", (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, nb: { translation: nb } },
  lng: initialLanguage(),
  fallbackLng: "en",
  supportedLngs: LANGUAGES.map((language) => language.code),
  interpolation: { escapeValue: false }, // React escapes already.
  returnNull: false,
});

export { i18n };
