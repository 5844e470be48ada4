/** Policy markdown as sanitised HTML in the browser (previews, history, diffs), with DOMPurify over `window`. */
import { createPolicySanitizer, renderPolicyMarkdown } from "@pc/shared";
import DOMPurify from "dompurify";

let sanitize: ((html: string) => string) | undefined;

/** The HTML a reader sees for `markdown`, safe for dangerouslySetInnerHTML whatever the markdown holds. */
export function renderPolicyHtml(markdown: string): string {
  sanitize ??= createPolicySanitizer(DOMPurify(window));
  return renderPolicyMarkdown(markdown, sanitize);
}
