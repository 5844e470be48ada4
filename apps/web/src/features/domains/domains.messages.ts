/** The domains pages' texts, English and Norwegian bokmål (merged into the app's resources in i18n/en.ts and nb.ts). */
export const domainsEn = {
  title: "Domains",
};

export const domainsNb: typeof domainsEn = {
  title: "Domains",
};
