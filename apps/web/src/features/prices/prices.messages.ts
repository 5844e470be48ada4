/** The prices pages' texts, English and Norwegian bokmål (merged into the app's resources in i18n/en.ts and nb.ts). */
export const pricesEn = {
  title: "Prices",
};

export const pricesNb: typeof pricesEn = {
  title: "Prices",
};
