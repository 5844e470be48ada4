/**
 * Every mail's frame, as plain text and as HTML: the brand's header (logo or name on a bar of its
 * primary colour), a heading, paragraphs, label/value details, one call to action and a footer
 * with the support address and "Powered by Masterchannel". The HTML is table-based with inline
 * styles (what mail clients render) and built only with the escaping `html` tag.
 */
import type { EmailBrand } from "../brand.js";
import { html, httpUrl, type SafeHtml } from "./html.js";

export interface EmailContent {
  subject: string;
  /** The first line a mail client previews. */
  preheader: string;
  heading: string;
  paragraphs: string[];
  details?: Array<[label: string, value: string]>;
  action?: { label: string; url: string };
  /** Small print under the action (e.g. when a link expires). */
  note?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const FONT = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

function renderText(brand: EmailBrand, content: EmailContent): string {
  const lines = [content.heading, "", ...content.paragraphs.flatMap((paragraph) => [paragraph, ""])];
  if (content.details?.length) {
    for (const [label, value] of content.details) lines.push(`${label}: ${value}`);
    lines.push("");
  }
  if (content.action) lines.push(`${content.action.label}: ${content.action.url}`, "");
  if (content.note) lines.push(content.note, "");
  lines.push("--", brand.name);
  if (brand.supportEmail) lines.push(`Questions: ${brand.supportEmail}`);
  if (brand.poweredBy) lines.push(brand.poweredBy);
  return `${lines.join("\n")}\n`;
}

function renderHtml(brand: EmailBrand, content: EmailContent): SafeHtml {
  const header = brand.logoUrl
    ? html`<img src="${httpUrl(brand.logoUrl)}" alt="${brand.name}" height="40" style="display:block;height:40px;max-width:240px;border:0">`
    : html`<span style="font-size:18px;font-weight:700;color:#1a1a1a">${brand.name}</span>`;
  const details = content.details?.length
    ? html`<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 16px;border-collapse:collapse">${content.details.map(
        ([label, value]) =>
          html`<tr><td style="padding:4px 16px 4px 0;color:#555555;vertical-align:top">${label}</td><td style="padding:4px 0;color:#1a1a1a">${value}</td></tr>`,
      )}</table>`
    : null;
  const action = content.action
    ? html`<p style="margin:24px 0"><a href="${httpUrl(content.action.url)}" style="display:inline-block;padding:12px 20px;border-radius:6px;background:${brand.primary};color:${brand.buttonLabel};font-weight:600;text-decoration:none">${content.action.label}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555555">If the button does not work, open this link: <a href="${httpUrl(content.action.url)}" style="color:${brand.link};word-break:break-all">${content.action.url}</a></p>`
    : null;
  const footer = [
    html`${brand.name}`,
    brand.supportEmail ? html` · <a href="mailto:${brand.supportEmail}" style="color:${brand.link}">${brand.supportEmail}</a>` : null,
    brand.poweredBy ? html`<br>${brand.poweredBy}` : null,
  ];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${content.subject}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:${FONT}">
<div style="display:none;max-height:0;overflow:hidden">${content.preheader}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7">
<tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="width:100%;max-width:600px;background:#ffffff;border-radius:8px;border-top:6px solid ${brand.primary}">
<tr><td style="padding:24px 32px 8px">${header}</td></tr>
<tr><td style="padding:8px 32px 16px;font-size:15px;line-height:1.5;color:#1a1a1a">
<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3;color:#1a1a1a">${content.heading}</h1>
${content.paragraphs.map((paragraph) => html`<p style="margin:0 0 16px">${paragraph}</p>`)}
${details}${action}${content.note ? html`<p style="margin:0 0 16px;font-size:13px;color:#555555">${content.note}</p>` : null}
</td></tr>
<tr><td style="padding:16px 32px 24px;border-top:1px solid #e5e7eb;font-size:12px;line-height:1.5;color:#555555">${footer}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

export function renderEmail(brand: EmailBrand, content: EmailContent): RenderedEmail {
  return { subject: content.subject, text: renderText(brand, content), html: renderHtml(brand, content).value };
}

/** Dates in mails: unambiguous, in UTC (no per-user time zone is known). */
export function formatMailDate(date: Date): string {
  const text = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(date);
  return `${text} UTC`;
}

export function formatMailDay(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(date);
}
