/** The branding pages' texts, English and Norwegian bokmål (merged into the app's resources in i18n/en.ts and nb.ts). */
export const brandingEn = {
  title: "Branding",
};

export const brandingNb: typeof brandingEn = {
  title: "Branding",
};
