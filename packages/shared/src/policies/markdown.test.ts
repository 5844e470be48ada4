// The renderer on its own (no sanitizer): what markdown-it already refuses or rewrites. The same
// hostile inputs through the real sanitizer are in apps/server/test/policy-html.test.ts.
import { describe, expect, it } from "vitest";
import { isSafePolicyHref, policyHeadings, policyTitle, renderPolicyMarkdown } from "./markdown.js";

const render = (markdown: string) => renderPolicyMarkdown(markdown, (html) => html);
const hrefsOf = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);

describe("isSafePolicyHref", () => {
  it("allows http(s), mailto, fragments and paths on this site", () => {
    for (const href of ["https://example.com/x", "HTTP://example.com", "mailto:dpo@northwave.example", "#section-cookies", "/terms"]) {
      expect(isSafePolicyHref(href), href).toBe(true);
    }
  });

  it("refuses script and data URLs however they are spelt, other sites in disguise and bare relative paths", () => {
    for (const href of [
      "javascript:alert(1)",
      "JAVASCRIPT:alert(1)",
      "java\tscript:alert(1)",
      "java\nscript:alert(1)",
      " \u0001javascript:alert(1)",
      "vbscript:msgbox(1)",
      "data:text/html;base64,PHNjcmlwdD4=",
      "file:///etc/passwd",
      "//evil.example",
      "/\\evil.example",
      "terms.html",
      "",
    ]) {
      expect(isSafePolicyHref(href), JSON.stringify(href)).toBe(false);
    }
  });
});

describe("renderPolicyMarkdown without a sanitizer", () => {
  it("escapes raw HTML instead of passing it through", () => {
    const html = render('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<a href="javascript:alert(1)">x</a>');
    expect(html).not.toMatch(/<(script|img|a)\b/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("turns no unsafe destination into a link or an image", () => {
    const html = render(
      [
        "[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](java&#x09;script:alert(1)) [d](&#106;avascript:alert(1))",
        "[e](data:text/html;base64,PHNjcmlwdD4=) ![f](javascript:alert(1)) <javascript:alert(1)> [g](//evil.example)",
        "[h][bad]",
        "",
        "[bad]: javascript:alert(1)",
      ].join("\n"),
    );
    expect(html).not.toMatch(/<(a|img)\b/i);
  });

  it("links http(s), mailto, fragments and site paths; absolute links open in a new tab without the opener", () => {
    const html = render(
      "[site](https://northwave.example) <https://example.com/a> dpo@northwave.example [toc](#section-cookies) [terms](/terms) [ref][r]\n\n[r]: https://example.com/r",
    );
    expect(hrefsOf(html)).toEqual([
      "https://northwave.example",
      "https://example.com/a",
      "mailto:dpo@northwave.example",
      "#section-cookies",
      "/terms",
      "https://example.com/r",
    ]);
    expect(html).toContain('<a href="https://northwave.example" target="_blank" rel="noopener noreferrer">site</a>');
    expect(html).toContain('<a href="mailto:dpo@northwave.example">dpo@northwave.example</a>');
    expect(html).toContain('<a href="/terms">terms</a>');
  });

  it("shows an image as a link to it, so that reading the policy loads nothing", () => {
    const html = render("![Our logo](https://cdn.example/logo.png)");
    expect(html).not.toContain("<img");
    expect(html).toContain('<a href="https://cdn.example/logo.png" target="_blank" rel="noopener noreferrer">Our logo</a>');
  });

  it("renders headings with unique slugged ids, lists, emphasis and tables", () => {
    const html = render(
      "# Privacy policy\n\n## Cookies & storage\n\n## Cookies & storage\n\n## Når vi deler\n\n- **one**\n- *two*\n\n3. three\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    );
    expect(html).toContain('<h1 id="section-privacy-policy">Privacy policy</h1>');
    expect(html).toContain('<h2 id="section-cookies-storage">Cookies &amp; storage</h2>');
    expect(html).toContain('<h2 id="section-cookies-storage-2">Cookies &amp; storage</h2>');
    expect(html).toContain('<h2 id="section-nar-vi-deler">Når vi deler</h2>');
    expect(html).toContain("<ul>\n<li><strong>one</strong></li>\n<li><em>two</em></li>\n</ul>");
    expect(html).toContain('<ol start="3">');
    expect(html).toContain("<td>1</td>");
  });

  it("leaves quotes and dashes as typed (no typographer)", () => {
    expect(render('"quoted" -- text')).toBe("<p>&quot;quoted&quot; -- text</p>\n");
  });

  it("hands the HTML to the sanitizer last", () => {
    expect(renderPolicyMarkdown("# Hi", (html) => `[${html.trim()}]`)).toBe('[<h1 id="section-hi">Hi</h1>]');
  });
});

describe("policyHeadings and policyTitle", () => {
  const markdown = "Intro\n\n# Privacy **policy** for `Northwave`\n\n## Who we are\n\nSecond\n======\n\n## Who we are";

  it("lists the headings with the ids the rendered HTML carries", () => {
    const headings = policyHeadings(markdown);
    expect(headings).toEqual([
      { level: 1, text: "Privacy policy for Northwave", id: "section-privacy-policy-for-northwave" },
      { level: 2, text: "Who we are", id: "section-who-we-are" },
      { level: 1, text: "Second", id: "section-second" },
      { level: 2, text: "Who we are", id: "section-who-we-are-2" },
    ]);
    const html = render(markdown);
    for (const { id } of headings) expect(html).toContain(`id="${id}"`);
  });

  it("takes the first level-1 heading's text as the title, or null", () => {
    expect(policyTitle(markdown)).toBe("Privacy policy for Northwave");
    expect(policyTitle("Terms\n=====\n\nText")).toBe("Terms");
    expect(policyTitle("## Only a subheading\n\nText")).toBeNull();
    expect(policyTitle("#\n\n# Real title")).toBe("Real title");
    expect(policyTitle("")).toBeNull();
  });
});
