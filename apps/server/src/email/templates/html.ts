/**
 * HTML for mails, escaped by construction: the `html` tag escapes every interpolated value with
 * escape-html (& < > " ') unless it is already SafeHtml made by the tag itself, so user text (a
 * tenant's name, an inviter's label) can never become markup. URLs go through `httpUrl`, which
 * only lets http(s) through.
 */
import escapeHtml from "escape-html";

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** An absolute http(s) URL for an href or src; anything else (javascript:, data:) is refused. */
export function httpUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error(`not an http(s) URL: ${parsed.protocol}`);
  return parsed.toString();
}
