/**
 * Policy markdown as sanitised HTML on the server (the public endpoint, stored renderings): the
 * shared renderer, with DOMPurify running over one jsdom window for the life of the process.
 */
import { createPolicySanitizer, renderPolicyMarkdown } from "@pc/shared";
import createDOMPurify, { type WindowLike } from "dompurify";
import { newJsdomWindow } from "./lazy-jsdom.js";

let sanitize: ((html: string) => string) | undefined;

/** Built on first use: a jsdom window is slow to create, and sanitising leaves nothing behind in it. */
function policySanitizer(): (html: string) => string {
  sanitize ??= createPolicySanitizer(createDOMPurify(newJsdomWindow() as unknown as WindowLike));
  return sanitize;
}

/** The HTML a reader sees for `markdown` (variables already filled in): inert whatever the markdown holds. */
export function renderPolicyHtml(markdown: string): string {
  return renderPolicyMarkdown(markdown, policySanitizer());
}
