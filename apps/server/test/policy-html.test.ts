/**
 * Policy rendering with hostile markdown: whatever a template or an addendum holds, the HTML the
 * public endpoint and the dashboard show has no element or attribute that runs code, loads
 * anything or leads to a script URL. Checked on the DOM the output parses into, not on its text.
 */
import { createPolicySanitizer } from "@pc/shared";
import createDOMPurify, { type WindowLike } from "dompurify";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { renderPolicyHtml } from "../src/services/policy-html.js";

const ALLOWED_TAGS = new Set("h1 h2 h3 h4 h5 h6 p ul ol li strong em s a code pre blockquote table thead tbody tr th td hr br".split(" "));
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ["href", "title", "rel", "target"],
  ol: ["start"],
  h1: ["id"],
  h2: ["id"],
  h3: ["id"],
  h4: ["id"],
  h5: ["id"],
  h6: ["id"],
};
const SAFE_HREF = /^(?:https?:|mailto:|#|\/(?![/\\]))/i;

const parse = (html: string) => JSDOM.fragment(html);

/** Every way the HTML could run code or load something, as readable findings (none expected). */
function dangersIn(html: string): string[] {
  const findings: string[] = [];
  for (const element of parse(html).querySelectorAll("*")) {
    const tag = element.localName;
    if (!ALLOWED_TAGS.has(tag)) findings.push(`<${tag}>`);
    for (const { name, value } of [...element.attributes]) {
      if (name.startsWith("on")) findings.push(`${tag}[${name}]`);
      else if (!ALLOWED_ATTRIBUTES[tag]?.includes(name)) findings.push(`${tag}[${name}=${value}]`);
      else if (name === "href" && !SAFE_HREF.test(value)) findings.push(`${tag}[href=${value}]`);
    }
    if (element.getAttribute("target") !== null && element.getAttribute("rel") !== "noopener noreferrer") {
      findings.push(`${tag}[target] without rel="noopener noreferrer"`);
    }
  }
  return findings;
}

const HOSTILE: Record<string, string> = {
  script: "<script>alert(1)</script>",
  "img onerror": "<img src=x onerror=alert(1)>",
  "javascript: link": "[x](javascript:alert(1))",
  "JAVASCRIPT: link": "[x](JAVASCRIPT:alert(1))",
  "javascript: with an encoded tab": "[x](java&#x09;script:alert(1))",
  "javascript: with an encoded letter": "[x](&#106;avascript:alert(1))",
  "data: link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "vbscript: link": "[x](vbscript:msgbox(1))",
  "raw javascript: anchor": '<a href="javascript:alert(1)">click</a>',
  "javascript: image": "![x](javascript:alert(1))",
  "data: image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "remote image": "![tracker](https://tracker.example/pixel.gif)",
  "javascript: autolink": "<javascript:alert(1)>",
  "protocol-relative link": "[x](//evil.example/phish)",
  "reference-style javascript: link": "[x][evil]\n\n[evil]: javascript:alert(1)",
  "reference-style link with a hostile title": '[x][ref]\n\n[ref]: https://example.com "a\\" onmouseover=\\"alert(1)"',
  "HTML entities": "&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;",
  "style block": "<style>body { background: url(javascript:alert(1)) }</style>",
  iframe: '<iframe src="https://evil.example"></iframe>',
  "onload in text": 'Our <body onload="alert(1)"> tag and onload=alert(1) in a sentence.',
  svg: "<svg><script>alert(1)</script></svg>",
  "form and input": '<form action="https://evil.example"><input name="password"></form>',
  "link title breaking out": '[x](https://example.com "title\\" onclick=\\"alert(1)")',
  "html block with markdown inside": '<div onclick="alert(1)">\n\n**bold**\n\n</div>',
  "heading named like a document property": "# cookie\n\n## location",
};

describe("renderPolicyHtml with hostile markdown", () => {
  for (const [name, markdown] of Object.entries(HOSTILE)) {
    it(`renders ${name} inert`, () => {
      const html = renderPolicyHtml(markdown);
      expect(dangersIn(html), html).toEqual([]);
    });
  }

  it("shows raw HTML as text rather than dropping it, so a reader sees what the policy says", () => {
    const fragment = parse(renderPolicyHtml("Before <script>alert(1)</script> after"));
    expect(fragment.querySelector("script")).toBeNull();
    expect(fragment.textContent).toContain("Before <script>alert(1)</script> after");
  });

  it("leaves a refused link as its text", () => {
    const fragment = parse(renderPolicyHtml("[x](javascript:alert(1))"));
    expect(fragment.querySelector("a")).toBeNull();
    expect(fragment.textContent?.trim()).toBe("[x](javascript:alert(1))");
  });

  it("shows an image as a link to it, loading nothing", () => {
    const fragment = parse(renderPolicyHtml("![tracker](https://tracker.example/pixel.gif)"));
    expect(fragment.querySelector("img")).toBeNull();
    expect(fragment.querySelector("a")?.getAttribute("href")).toBe("https://tracker.example/pixel.gif");
  });
});

describe("renderPolicyHtml with a well-behaved policy", () => {
  const markdown = [
    "# Privacy policy for Northwave",
    "## Who we are",
    "Northwave AS ([northwave.example](https://northwave.example)) runs the shop. Write to <dpo@northwave.example> or see [our terms](/terms) and [cookies](#section-cookies).",
    "## Cookies",
    "- **Preferences**: *strictly necessary*\n- `tidio`: opt-in",
    "3. numbered from three\n4. and on",
    "> Quoted text",
    "| Purpose | Basis |\n|---|---|\n| Chat | 6(1)(a) |",
    "---",
    "~~Old clause~~",
  ].join("\n\n");
  const fragment = parse(renderPolicyHtml(markdown));

  it("keeps headings with their ids", () => {
    expect([...fragment.querySelectorAll("h1, h2")].map((heading) => [heading.localName, heading.id, heading.textContent])).toEqual([
      ["h1", "section-privacy-policy-for-northwave", "Privacy policy for Northwave"],
      ["h2", "section-who-we-are", "Who we are"],
      ["h2", "section-cookies", "Cookies"],
    ]);
  });

  it("keeps links: absolute ones open a new tab without the opener, the others stay in place", () => {
    const links = [...fragment.querySelectorAll("a")].map((link) => ({
      href: link.getAttribute("href"),
      target: link.getAttribute("target"),
      rel: link.getAttribute("rel"),
    }));
    expect(links).toEqual([
      { href: "https://northwave.example", target: "_blank", rel: "noopener noreferrer" },
      { href: "mailto:dpo@northwave.example", target: null, rel: null },
      { href: "/terms", target: null, rel: null },
      { href: "#section-cookies", target: null, rel: null },
    ]);
  });

  it("keeps lists, emphasis, code, quotes, tables, rules and struck-out text", () => {
    expect(fragment.querySelectorAll("ul > li")).toHaveLength(2);
    expect(fragment.querySelector("ol")?.getAttribute("start")).toBe("3");
    for (const selector of ["strong", "em", "code", "blockquote", "table th", "table td", "hr", "s"]) {
      expect(fragment.querySelector(selector), selector).not.toBeNull();
    }
    expect(dangersIn(renderPolicyHtml(markdown))).toEqual([]);
  });
});

describe("createPolicySanitizer on its own (should the renderer ever let something through)", () => {
  const purify = createDOMPurify(new JSDOM("").window as unknown as WindowLike);
  const sanitize = createPolicySanitizer(purify);

  it("removes what markdown-it would never produce", () => {
    const html = sanitize(
      [
        '<a href="javascript:alert(1)" onclick="alert(1)">a</a>',
        '<a href=" java\tscript:alert(1)">b</a>',
        '<a href="data:text/html,x">c</a>',
        '<a href="//evil.example">d</a>',
        '<a href="https://ok.example" target="_top" rel="opener">e</a>',
        '<a href="https://ok.example" target="_blank">f</a>',
        '<p id="x" class="y" style="color:red" title="t">p</p>',
        '<h2 id="section-ok" onmouseover="alert(1)">h</h2>',
        '<ol start="x"><li>i</li></ol>',
        '<img src="x" onerror="alert(1)"><iframe src="https://evil.example"></iframe><style>*{}</style><script>alert(1)</script>',
        '<svg><a href="javascript:alert(1)">s</a></svg><math><mi>m</mi></math><form><input></form>',
      ].join(""),
    );
    expect(dangersIn(html), html).toEqual([]);
    const fragment = parse(html);
    expect([...fragment.querySelectorAll("a")].map((link) => link.getAttribute("href"))).toEqual([
      null,
      null,
      null,
      null,
      "https://ok.example",
      "https://ok.example",
    ]);
    expect(fragment.querySelector("a[target]")?.getAttribute("rel")).toBe("noopener noreferrer");
    expect(fragment.querySelector("h2")?.id).toBe("section-ok");
    expect(fragment.querySelector("p")?.attributes).toHaveLength(0);
  });

  it("leaves the DOMPurify instance as it found it", () => {
    sanitize("<p>x</p>");
    expect(purify.sanitize('<p id="kept" class="kept">x</p>')).toBe('<p id="kept" class="kept">x</p>');
  });
});
