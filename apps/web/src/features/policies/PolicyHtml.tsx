/**
 * A rendered policy. The HTML must come sanitised: from renderPolicyHtml (DOMPurify in the
 * browser) or from the server, which sanitises the same way; the SafePolicyHtml type keeps
 * anything else out. Variables marked by policyPreview are highlighted with the CSS Custom
 * Highlight API, which paints ranges of text without changing the markup.
 */
import { Typography } from "@mantine/core";
import type { PolicyVariableValues } from "@pc/shared";
import { useLayoutEffect, useRef } from "react";
import classes from "./policies.module.css";
import { renderPreviewHtml, VARIABLE_MARK, type VariableDisplay } from "./policyPreview";

declare const safe: unique symbol;
/** HTML that went through the policy sanitizer. */
export type SafePolicyHtml = string & { readonly [safe]: true };

/** The browser's own rendering of policy markdown, through renderPolicyHtml. */
export function previewHtml(markdown: string, values: PolicyVariableValues, display: VariableDisplay): SafePolicyHtml {
  return renderPreviewHtml(markdown, values, display) as SafePolicyHtml;
}

/** The server's `html` of a rendered policy: sanitised there, with the same rules. */
export function serverPolicyHtml(html: string): SafePolicyHtml {
  return html as SafePolicyHtml;
}

const HIGHLIGHT = "policy-variable";

/** One registry entry shared by every preview on the page; each adds and removes its own ranges. */
function sharedHighlight(): Highlight | null {
  if (typeof CSS === "undefined" || !("highlights" in CSS) || typeof Highlight === "undefined") return null;
  let highlight = CSS.highlights.get(HIGHLIGHT);
  if (!highlight) {
    highlight = new Highlight();
    CSS.highlights.set(HIGHLIGHT, highlight);
  }
  return highlight;
}

/** Ranges between pairs of marks, within each text node (a marked value never spans elements). */
function markedRanges(root: HTMLElement): Range[] {
  const ranges: Range[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? "";
    let start = text.indexOf(VARIABLE_MARK);
    while (start !== -1) {
      const end = text.indexOf(VARIABLE_MARK, start + 1);
      if (end === -1) break;
      const range = document.createRange();
      range.setStart(node, start + 1);
      range.setEnd(node, end);
      ranges.push(range);
      start = text.indexOf(VARIABLE_MARK, end + 1);
    }
  }
  return ranges;
}

interface PolicyHtmlProps {
  html: SafePolicyHtml;
  /** Names the region for screen readers ("Preview", "Privacy policy 2.0"). */
  label?: string;
}

export function PolicyHtml({ html, label }: PolicyHtmlProps) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const root = ref.current;
    const highlight = sharedHighlight();
    if (!root || !highlight || !html.includes(VARIABLE_MARK)) return;
    const ranges = markedRanges(root);
    for (const range of ranges) highlight.add(range);
    return () => {
      for (const range of ranges) highlight.delete(range);
    };
  }, [html]);

  return (
    <Typography
      ref={ref}
      className={classes.document}
      role={label ? "region" : undefined}
      aria-label={label}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: SafePolicyHtml went through the policy sanitizer (see above).
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
