/**
 * Logo and favicon uploads: the real type is read from the bytes and must agree with the name and
 * the declared type; size and dimensions are checked exactly; an SVG is stored sanitised, with no
 * script, handler, style or outside reference left; and a tenant can use only its own uploads.
 */
import { auditEvents, brandAssets, brandingVersions, withRlsContext } from "@pc/db";
import { messagesOf } from "@pc/db/testing";
import { MAX_BRAND_ASSET_BYTES } from "@pc/shared";
import { and, eq, sql } from "drizzle-orm";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../src/errors.js";
import { checkBrandAsset, sanitizeSvg } from "../src/routers/branding/branding.assets.js";
import { auditMark, clientErrorFrom, codeOf } from "./expect-code.js";
import { base64, CLEAN_SVG, png, webp } from "./fixtures/images.js";
import { type Client, createHarness, type Harness } from "./harness.js";

/** The message checkBrandAsset refuses with (always on the field "file"); fails the test if it accepts. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe("file");
    return (error as Error).message;
  }
  throw new Error("expected the upload to be refused, but it was accepted");
}

const upload = (
  bytes: Buffer | string,
  fileName: string,
  contentType: "image/png" | "image/webp" | "image/svg+xml",
  kind: "logo" | "favicon" = "logo",
) => checkBrandAsset({ kind, fileName, contentType, bytes: Buffer.from(bytes) });

const HOSTILE_SVG = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0,0,200,100" onload="alert('load')">
  <script>alert('script')</script>
  <style>rect { fill: url(https://evil.example/track.svg#x) }</style>
  <foreignObject width="100" height="50"><div xmlns="http://www.w3.org/1999/xhtml" onclick="alert('fo')">hi</div></foreignObject>
  <a xlink:href="javascript:alert('link')"><rect width="10" height="10" fill="url(#g)" stroke="url( 'https://evil.example/s.svg#a' )" onmouseover="alert('over')"/></a>
  <use href="https://evil.example/sprite.svg#logo"/>
  <use xlink:href="#mark"/>
  <image href="https://evil.example/pixel.png" width="1" height="1"/>
  <image xlink:href="data:image/svg+xml;base64,PHN2Zy8+" width="1" height="1"/>
  <filter id="f"><feImage href="https://evil.example/f.png"/></filter>
  <path id="mark" d="M0 0L10 10" style="fill: url(https://evil.example/p)" mask="u\\72l(https://evil.example/m)"/>
  <linearGradient id="g"><stop offset="0" stop-color="#1f6feb"/></linearGradient>
</svg>`;

describe("checkBrandAsset", () => {
  it("accepts a PNG and a WebP logo with their sizes read from the bytes", () => {
    expect(upload(png(200, 128), "logo.png", "image/png")).toMatchObject({
      contentType: "image/png",
      width: 200,
      height: 128,
      sanitized: false,
    });
    expect(upload(webp(300, 150), "Logo.WEBP", "image/webp")).toMatchObject({ contentType: "image/webp", width: 300, height: 150 });
    const bytes = png(128, 128);
    expect(upload(bytes, "logo.png", "image/png").bytes.equals(bytes)).toBe(true);
  });

  it("needs 128 px on a logo's shorter side and 16 px on a favicon's", () => {
    expect(refusal(() => upload(png(400, 127), "wide.png", "image/png"))).toBe(
      "A logo must be at least 128 px on its shorter side; this image is 400 × 127 px",
    );
    expect(refusal(() => upload(webp(127, 127), "small.webp", "image/webp"))).toMatch(/at least 128 px/);
    expect(upload(png(16, 16), "favicon.png", "image/png", "favicon")).toMatchObject({ width: 16, height: 16 });
    expect(refusal(() => upload(png(15, 32), "favicon.png", "image/png", "favicon"))).toMatch(/favicon must be at least 16 px/);
    expect(refusal(() => upload(png(9000, 200), "huge.png", "image/png"))).toMatch(/at most 8192 px/);
  });

  it("takes exactly 512 KB and refuses one byte more, and an empty file", () => {
    const header = png(128, 128);
    const atLimit = Buffer.concat([header, Buffer.alloc(MAX_BRAND_ASSET_BYTES - header.length)]);
    expect(upload(atLimit, "logo.png", "image/png").bytes.length).toBe(MAX_BRAND_ASSET_BYTES);
    expect(refusal(() => upload(Buffer.concat([atLimit, Buffer.from([0])]), "logo.png", "image/png"))).toBe(
      "The file is 512.0 KB; images may be at most 512 KB",
    );
    expect(refusal(() => upload(Buffer.alloc(0), "logo.png", "image/png"))).toBe("The file is empty");
  });

  it("refuses bytes that disagree with the file name or the declared type, saying what each says", () => {
    expect(refusal(() => upload(png(128, 128), "logo.webp", "image/webp"))).toBe(
      "The file's bytes are a PNG image, but its name (logo.webp) says WebP and its type (image/webp) says WebP",
    );
    expect(refusal(() => upload(png(128, 128), "logo.png", "image/svg+xml"))).toBe(
      "The file's bytes are a PNG image, but its type (image/svg+xml) says SVG",
    );
    expect(refusal(() => upload(webp(128, 128), "logo.png", "image/webp"))).toBe(
      "The file's bytes are a WebP image, but its name (logo.png) says PNG",
    );
    expect(refusal(() => upload(CLEAN_SVG, "logo.png", "image/png"))).toMatch(/bytes are an SVG image, but its name \(logo.png\) says PNG/);
    expect(refusal(() => upload(png(128, 128), "logo.jpg", "image/png"))).toBe("The file name must end in .png, .webp or .svg");
  });

  it("refuses what is not a PNG, WebP or SVG image", () => {
    expect(refusal(() => upload("just some text, not an image", "logo.png", "image/png"))).toBe("The file is not a PNG, WebP or SVG image");
    const gif = Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x80, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00]);
    expect(refusal(() => upload(gif, "logo.png", "image/png"))).toBe("The file is a GIF image; upload a PNG, WebP or SVG");
    // A PNG cut off inside its header: image-size would read its size from beyond the end.
    expect(refusal(() => upload(png(128, 128).subarray(0, 20), "logo.png", "image/png"))).toBe(
      "The PNG image is incomplete: its header is cut short",
    );
    expect(refusal(() => upload(webp(128, 128).subarray(0, 24), "logo.webp", "image/webp"))).toMatch(/WebP image is incomplete/);
  });

  it("keeps a clean SVG as it is, with its size from the viewBox", () => {
    const result = upload(CLEAN_SVG, "logo.svg", "image/svg+xml");
    expect(result).toMatchObject({ contentType: "image/svg+xml", width: 240, height: 80, sanitized: false });
    expect(result.bytes.toString("utf8")).toBe(CLEAN_SVG);
  });

  it("removes script, handlers, style, foreignObject and every outside reference from an SVG", () => {
    const result = upload(HOSTILE_SVG, "logo.svg", "image/svg+xml");
    expect(result).toMatchObject({ sanitized: true, width: 200, height: 100 });
    const text = result.bytes.toString("utf8");
    for (const survivor of [
      /<script/i,
      /alert/,
      /\bon[a-z]+=/i,
      /foreignObject/i,
      /<style/i,
      /style=/i,
      /evil\.example/,
      /javascript:/i,
      /data:/i,
      /\\/,
    ]) {
      expect(text).not.toMatch(survivor);
    }
    // What is safe stays: local references, the gradient, the shapes.
    expect(text).toContain('fill="url(#g)"');
    expect(text).toContain('xlink:href="#mark"');
    expect(text).toContain('<path id="mark" d="M0 0L10 10"/>');
    expect(text.match(/<use /g)).toHaveLength(1);
    expect(text).not.toMatch(/<image/);
    // The stored SVG is itself a well-formed SVG document.
    const reparsed = new new JSDOM("").window.DOMParser().parseFromString(text, "image/svg+xml");
    expect(reparsed.documentElement.localName).toBe("svg");
    expect(reparsed.documentElement.namespaceURI).toBe("http://www.w3.org/2000/svg");
  });

  it("refuses an SVG that is not well-formed, has no SVG root, has no size or declares entities", () => {
    expect(
      refusal(() => upload('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g></svg>', "a.svg", "image/svg+xml")),
    ).toMatch(/^The SVG is not well-formed XML \(.*unexpected close tag/);
    expect(refusal(() => upload('<html><body><svg viewBox="0 0 1 1"/></body></html>', "a.svg", "image/svg+xml"))).toBe(
      "The file is not an SVG image: its root element is <html>",
    );
    expect(refusal(() => upload('<svg viewBox="0 0 10 10"></svg>', "a.svg", "image/svg+xml"))).toBe(
      'The SVG\'s root element needs xmlns="http://www.w3.org/2000/svg"',
    );
    expect(refusal(() => upload('<svg xmlns="http://www.w3.org/2000/svg" width="100%"><rect/></svg>', "a.svg", "image/svg+xml"))).toMatch(
      /The SVG has no size/,
    );
    const laughs = `<!DOCTYPE svg [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><text>&b;</text></svg>`;
    expect(refusal(() => upload(laughs, "a.svg", "image/svg+xml"))).toBe("The SVG declares entities, which are not accepted");
    expect(refusal(() => upload(Buffer.from([0x3c, 0x73, 0x76, 0x67, 0x20, 0xff, 0x3e]), "a.svg", "image/svg+xml"))).toBe(
      "The SVG is not UTF-8 text",
    );
  });

  it("sanitizeSvg reports no change for an SVG it leaves alone", () => {
    expect(sanitizeSvg(CLEAN_SVG)).toEqual({ svg: CLEAN_SVG, sanitized: false });
    expect(sanitizeSvg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect onclick="x()"/></svg>').sanitized).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Through the API

let h: Harness;
let admin: Client;

beforeAll(async () => {
  h = await createHarness();
  admin = await h.as("admin@northwave.test");
});
afterAll(() => h.close());

const assetsOf = (tenantId: string) => h.db.db.select().from(brandAssets).where(eq(brandAssets.tenantId, tenantId));

describe("branding.uploadAsset", () => {
  it("stores a checked upload with its hash, size and dimensions, and audits it without the bytes", async () => {
    const bytes = png(256, 128);
    const mark = await auditMark(h);
    const asset = await admin.caller.branding.uploadAsset({
      kind: "logo",
      fileName: "northwave.png",
      contentType: "image/png",
      dataBase64: base64(bytes),
    });
    expect(asset).toEqual({
      id: expect.any(String),
      kind: "logo",
      url: `/api/public/assets/northwave/${asset.id}`,
      contentType: "image/png",
      width: 256,
      height: 128,
      byteSize: bytes.length,
      fileName: "northwave.png",
      sanitized: false,
    });
    const [row] = await h.db.db.select().from(brandAssets).where(eq(brandAssets.id, asset.id));
    expect(row?.tenantId).toBe(h.tenantIds.northwave);
    expect(row?.bytes.equals(bytes)).toBe(true);
    expect(row?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const events = await mark.events();
    expect(events.map((e) => [e.action, e.targetType, e.targetId])).toEqual([["branding.upload_asset", "brand_asset", asset.id]]);
    expect(events[0]?.after).toMatchObject({ byteSize: bytes.length, sha256: row?.sha256, sanitized: false });
    expect(JSON.stringify(events[0])).not.toContain(base64(bytes).slice(0, 40));
  });

  it("stores the sanitised SVG and says so", async () => {
    const asset = await admin.caller.branding.uploadAsset({
      kind: "logo",
      fileName: "hostile.svg",
      contentType: "image/svg+xml",
      dataBase64: base64(HOSTILE_SVG),
    });
    expect(asset).toMatchObject({ contentType: "image/svg+xml", width: 200, height: 100, sanitized: true });
    const [row] = await h.db.db.select().from(brandAssets).where(eq(brandAssets.id, asset.id));
    const stored = row?.bytes.toString("utf8") ?? "";
    expect(stored).toMatch(/^<svg /);
    expect(stored).not.toMatch(/script|onload|foreignObject|evil\.example|javascript:/i);
    expect(row?.byteSize).toBe(row?.bytes.length);
  });

  it.each([
    [
      "bytes that do not match the name",
      { fileName: "logo.webp", contentType: "image/webp", data: png(128, 128) },
      /bytes are a PNG image/,
    ],
    ["a file one byte over the limit", { data: Buffer.alloc(MAX_BRAND_ASSET_BYTES + 1, 7) }, /at most 512 KB/],
    ["a logo too small", { data: png(64, 64) }, /at least 128 px/],
    ["non-image bytes", { data: Buffer.from("%PDF-1.7\n") }, /not a PNG, WebP or SVG/],
    [
      "a malformed SVG",
      { fileName: "logo.svg", contentType: "image/svg+xml", data: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'><") },
      /not well-formed/,
    ],
  ] as const)("refuses %s on the field file, and stores nothing", async (_name, change, message) => {
    const before = await assetsOf(h.tenantIds.northwave);
    const mark = await auditMark(h);
    const { data, ...rest } = change as { data: Buffer; fileName?: string; contentType?: "image/png" | "image/webp" | "image/svg+xml" };
    const error = await clientErrorFrom(
      admin.caller.branding.uploadAsset({
        kind: "logo",
        fileName: "logo.png",
        contentType: "image/png",
        ...rest,
        dataBase64: base64(data),
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors?.file?.join(" ")).toMatch(message);
    expect(await assetsOf(h.tenantIds.northwave)).toHaveLength(before.length);
    expect(await mark.events()).toEqual([]);
  });

  it("refuses an unknown kind or type and data that is not base64, naming the field", async () => {
    const valid = { kind: "logo", fileName: "logo.png", contentType: "image/png", dataBase64: base64(png(128, 128)) };
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "banner" }, "kind"],
      [{ contentType: "image/jpeg" }, "contentType"],
      [{ dataBase64: "not base64!" }, "dataBase64"],
      [{ fileName: "  " }, "fileName"],
    ];
    for (const [change, field] of cases) {
      const error = await clientErrorFrom(admin.caller.branding.uploadAsset({ ...valid, ...change } as never));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.[field]?.length, field).toBeGreaterThan(0);
    }
  });

  it("lets a viewer upload nothing", async () => {
    const viewer = await h.as("viewer@northwave.test");
    const before = await assetsOf(h.tenantIds.northwave);
    expect(
      await codeOf(
        viewer.caller.branding.uploadAsset({
          kind: "logo",
          fileName: "logo.png",
          contentType: "image/png",
          dataBase64: base64(png(128, 128)),
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(await assetsOf(h.tenantIds.northwave)).toHaveLength(before.length);
  });
});

describe("tenant isolation of assets", () => {
  it("refuses another tenant's asset in a draft (BAD_REQUEST on the field) and shows it nowhere", async () => {
    const logo = await admin.caller.branding.uploadAsset({
      kind: "logo",
      fileName: "nw.png",
      contentType: "image/png",
      dataBase64: base64(png(128, 128)),
    });
    const other = await h.as("admin@fjordsound.test");
    const draftsBefore = await h.db.db.select().from(brandingVersions).where(eq(brandingVersions.tenantId, h.tenantIds.fjordsound));
    const colors = {
      light: { primary: "#1f6feb", accent: "#0550ae", background: "#ffffff", text: "#1f2328" },
      dark: { primary: "#58a6ff", accent: "#ffa657", background: "#0d1117", text: "#e6edf3" },
    };
    const fields = { displayName: "Fjord", legalName: "Fjord AS", legalAddress: "Bergen", supportEmail: "help@fjord.test", colors };
    for (const [field, change] of [
      ["logoAssetId", { logoAssetId: logo.id, faviconAssetId: null }],
      ["faviconAssetId", { logoAssetId: null, faviconAssetId: logo.id }],
    ] as const) {
      const error = await clientErrorFrom(other.caller.branding.saveDraft({ ...fields, ...change }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.[field]?.[0]).toMatch(/uploaded for this brand/);
    }
    expect(await h.db.db.select().from(brandingVersions).where(eq(brandingVersions.tenantId, h.tenantIds.fjordsound))).toEqual(
      draftsBefore,
    );
    // Its own upload of the wrong kind is refused too, saying why.
    const favicon = await other.caller.branding.uploadAsset({
      kind: "favicon",
      fileName: "f.png",
      contentType: "image/png",
      dataBase64: base64(png(32, 32)),
    });
    expect(favicon.url).toBe(`/api/public/assets/fjordsound/${favicon.id}`);
    const wrongKind = await clientErrorFrom(other.caller.branding.saveDraft({ ...fields, logoAssetId: favicon.id, faviconAssetId: null }));
    expect(wrongKind.fieldErrors?.logoAssetId?.[0]).toBe("That image was uploaded as a favicon; upload it again as a logo");
    // Through the app role, Fjordsound's context does not even see the row.
    const seen = await withRlsContext(h.db.db, { tenantId: h.tenantIds.fjordsound, userId: null, allTenants: false }, (tx) =>
      tx.select({ id: brandAssets.id }).from(brandAssets).where(eq(brandAssets.id, logo.id)),
    );
    expect(seen).toEqual([]);
    expect(JSON.stringify(await other.caller.branding.get())).not.toContain(logo.id);
  });

  it("never changes a stored asset: the app role may not UPDATE it, and the owner is stopped by the trigger", async () => {
    const asset = await admin.caller.branding.uploadAsset({
      kind: "favicon",
      fileName: "f.png",
      contentType: "image/png",
      dataBase64: base64(png(32, 32)),
    });
    const asApp = withRlsContext(h.db.db, { tenantId: h.tenantIds.northwave, userId: null, allTenants: false }, (tx) =>
      tx.execute(sql`update brand_assets set file_name = 'evil.png' where id = ${asset.id}`),
    );
    await expect(asApp).rejects.toSatisfy((error: unknown) => messagesOf(error).includes("permission denied for table brand_assets"));
    const asOwner = h.db.db.execute(sql`update brand_assets set file_name = 'evil.png' where id = ${asset.id}`);
    await expect(asOwner).rejects.toSatisfy((error: unknown) => messagesOf(error).includes("stored brand assets never change"));
    const [row] = await h.db.db
      .select()
      .from(brandAssets)
      .where(and(eq(brandAssets.id, asset.id)));
    expect(row?.fileName).toBe("f.png");
    // The audit trail of uploads stays on the tenant it belongs to.
    const [event] = await h.db.db.select().from(auditEvents).where(eq(auditEvents.targetId, asset.id));
    expect(event?.tenantId).toBe(h.tenantIds.northwave);
  });
});
