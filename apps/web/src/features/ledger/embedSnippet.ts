/** What a storefront pastes: the banner's script tag, and an example of waiting for consent. */

/** `embedUrl`: the banner script's absolute address, as the server answers it (from its PUBLIC_URL). */
export function embedSnippet({ embedUrl, slug, key }: { embedUrl: string; slug: string; key: string }): string {
  return `<script src="${embedUrl}" data-tenant="${slug}" data-key="${key}" async></script>`;
}

export const CONSENT_EVENT_EXAMPLE = `document.addEventListener("mc:consent", (e) => {
  if (e.detail.purposes.tidio === "granted") loadTidio();
});`;
