// Policy markdown to HTML, for the public endpoint and the dashboard alike. markdown-it does the
// rendering with raw HTML switched off and a link allow-list; the caller's sanitizer (DOMPurify over
// a jsdom window on the server, over `window` in the browser) then checks the result again, so a
// mistake in either layer alone does not make a policy executable. No DOM or Node API here: the web
// build bundles this file.

import type { RendererRule, StateCore, Token } from "markdown-it";
import MarkdownIt from "markdown-it";

/**
 * The links a policy may contain: http(s), mailto, fragments (the table of contents) and paths on
 * the same site. Anything else (javascript:, data:, vbscript:, protocol-relative //host, bare
 * relative paths that mean something different on each page embedding the policy) is refused.
 * Reads the URL the way a browser would: tabs and newlines anywhere are dropped and control
 * characters and spaces at either end are ignored, so "java\tscript:" is seen as "javascript:".
 */
export function isSafePolicyHref(href: string): boolean {
  const url = trimControlsAndSpaces(href.replace(/[\t\n\r]/g, ""));
  if (/^(?:https?|mailto):/i.test(url)) return true;
  if (url.startsWith("#")) return true;
  // "/path" is this site; "//host" and "/\host" are another site in disguise.
  return url.startsWith("/") && !/^\/[/\\]/.test(url);
}

function trimControlsAndSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

const isExternalHref = (href: string) => /^https?:/i.test(href);

/** Heading ids carry a prefix so that no heading can shadow a global or a document property (DOM clobbering). */
export const POLICY_HEADING_ID_PREFIX = "section-";

function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** The plain text of an inline token's children: what a reader sees, without the markup. */
function inlineText(inline: Token | undefined): string {
  let text = "";
  for (const child of inline?.children ?? []) {
    if (child.type === "text" || child.type === "code_inline") text += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") text += " ";
    else if (child.type === "image") text += inlineText(child);
  }
  return text.replace(/\s+/g, " ").trim();
}

/** Core rule: every heading gets an id from its text, unique within the document. */
function headingIds(state: StateCore): void {
  const used = new Set<string>();
  state.tokens.forEach((token, index) => {
    if (token.type !== "heading_open") return;
    const base = `${POLICY_HEADING_ID_PREFIX}${slugify(inlineText(state.tokens[index + 1])) || "untitled"}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    token.attrSet("id", id);
  });
}

function createRenderer() {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.validateLink = isSafePolicyHref;
  md.core.ruler.push("policy_heading_ids", headingIds);

  const renderToken: RendererRule = (tokens, index, options, _env, self) => self.renderToken(tokens, index, options);
  const renderLinkOpen = md.renderer.rules.link_open ?? renderToken;
  md.renderer.rules.link_open = (tokens, index, options, env, self) => {
    const token = tokens[index] as Token;
    if (isExternalHref(String(token.attrGet("href") ?? ""))) {
      token.attrSet("target", "_blank");
      token.attrSet("rel", "noopener noreferrer");
    }
    return renderLinkOpen(tokens, index, options, env, self);
  };
  // A policy page loads nothing from elsewhere (an image could track its readers): an image
  // becomes a link to it, labelled with its alt text.
  md.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index] as Token;
    const src = String(token.attrGet("src") ?? "");
    const label = self.renderInlineAsText(token.children ?? [], options, env) || src;
    const external = isExternalHref(src) ? ' target="_blank" rel="noopener noreferrer"' : "";
    return `<a href="${md.utils.escapeHtml(src)}"${external}>${md.utils.escapeHtml(label)}</a>`;
  };
  return md;
}

const renderer = createRenderer();

/**
 * Policy markdown as HTML: raw HTML in the markdown is shown as text, links are limited to
 * {@link isSafePolicyHref}, absolute links open in a new tab without access to the opener, and
 * headings carry ids for a table of contents. `sanitize` gets the HTML last (see createPolicySanitizer).
 */
export function renderPolicyMarkdown(markdown: string, sanitize: (html: string) => string): string {
  return sanitize(renderer.render(markdown));
}

export interface PolicyHeading {
  level: number;
  text: string;
  /** The id the rendered heading carries; link to it as `#${id}`. */
  id: string;
}

/** The document's headings in order, with the ids renderPolicyMarkdown gives them (for a table of contents). */
export function policyHeadings(markdown: string): PolicyHeading[] {
  const tokens = renderer.parse(markdown, {});
  const headings: PolicyHeading[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== "heading_open") return;
    headings.push({ level: Number(token.tag.slice(1)), text: inlineText(tokens[index + 1]), id: String(token.attrGet("id")) });
  });
  return headings;
}

/** The text of the first level-1 heading, or null when there is none (or it is empty). */
export function policyTitle(markdown: string): string | null {
  return policyHeadings(markdown).find((heading) => heading.level === 1 && heading.text !== "")?.text ?? null;
}

// ---------------------------------------------------------------------------------------------
// The sanitizer. Typed structurally so that this package needs neither DOMPurify nor the DOM
// types: a DOMPurify instance (`DOMPurify(window)`) fits PolicyPurifier.

export interface PolicyPurifierElement {
  readonly nodeName: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
}

export interface PolicyPurifierAttributeEvent {
  attrName: string;
  attrValue: string;
  keepAttr: boolean;
}

export interface PolicyPurifierConfig {
  ALLOWED_TAGS: string[];
  ALLOWED_ATTR: string[];
  ALLOW_DATA_ATTR: boolean;
  ALLOW_ARIA_ATTR: boolean;
  ALLOWED_URI_REGEXP: RegExp;
  ADD_URI_SAFE_ATTR: string[];
}

type AttributeHook = (node: PolicyPurifierElement, event: PolicyPurifierAttributeEvent) => void;
type ElementHook = (node: PolicyPurifierElement) => void;

/** The part of DOMPurify that createPolicySanitizer uses. */
export interface PolicyPurifier {
  sanitize(dirty: string, config: PolicyPurifierConfig): string;
  addHook(entryPoint: "uponSanitizeAttribute", hook: AttributeHook): void;
  addHook(entryPoint: "afterSanitizeAttributes", hook: ElementHook): void;
  removeHook(entryPoint: "uponSanitizeAttribute", hook: AttributeHook): unknown;
  removeHook(entryPoint: "afterSanitizeAttributes", hook: ElementHook): unknown;
}

const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"] as const;

/** Which attribute each element may keep; an element not listed keeps none. */
const POLICY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ["href", "title", "rel", "target"],
  ol: ["start"],
  ...Object.fromEntries(HEADINGS.map((tag) => [tag, ["id"]])),
};

const POLICY_TAGS = [
  ...HEADINGS,
  "p",
  "ul",
  "ol",
  "li",
  "strong",
  "em",
  // markdown-it renders ~~text~~ as <s>; dropping the tag would show struck-out text as if it stood.
  "s",
  "a",
  "code",
  "pre",
  "blockquote",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "hr",
  "br",
];

const onAttribute: AttributeHook = (node, event) => {
  const allowed = POLICY_ATTRIBUTES[node.nodeName.toLowerCase()] ?? [];
  const name = event.attrName.toLowerCase();
  if (!allowed.includes(name)) event.keepAttr = false;
  else if (name === "href" && !isSafePolicyHref(event.attrValue)) event.keepAttr = false;
  else if (name === "target" && event.attrValue !== "_blank") event.keepAttr = false;
  else if (name === "start" && !/^\d{1,6}$/.test(event.attrValue)) event.keepAttr = false;
};

const afterAttributes: ElementHook = (node) => {
  // A new tab must not get a handle on the page that opened it, whoever wrote the rel.
  if (node.nodeName.toLowerCase() === "a" && node.getAttribute("target") !== null) node.setAttribute("rel", "noopener noreferrer");
};

/**
 * A sanitize function for renderPolicyMarkdown: only the elements markdown produces for a policy,
 * ids only on headings, hrefs only as {@link isSafePolicyHref} allows. The hooks are added for each
 * call and removed after it, so the same DOMPurify instance stays usable for other content.
 */
export function createPolicySanitizer(purify: PolicyPurifier): (html: string) => string {
  const config: PolicyPurifierConfig = {
    ALLOWED_TAGS: POLICY_TAGS,
    ALLOWED_ATTR: [...new Set(Object.values(POLICY_ATTRIBUTES).flat())],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#|\/(?![/\\]))/i,
    // DOMPurify holds every attribute it does not know to be plain text to the URI pattern above;
    // these are not URIs, and onAttribute checks their values.
    ADD_URI_SAFE_ATTR: ["rel", "target", "start"],
  };
  return (html) => {
    purify.addHook("uponSanitizeAttribute", onAttribute);
    purify.addHook("afterSanitizeAttributes", afterAttributes);
    try {
      return purify.sanitize(html, config);
    } finally {
      purify.removeHook("uponSanitizeAttribute", onAttribute);
      purify.removeHook("afterSanitizeAttributes", afterAttributes);
    }
  };
}
