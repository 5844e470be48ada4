/**
 * Checks an uploaded logo or favicon before it is stored: its real type read from the bytes (which
 * the declared type and the file name must agree with), its size and dimensions, and for SVG a
 * sanitised copy with no script, event handler, style or external reference left in it. Every
 * refusal is an InvalidInputError on the field "file".
 */
import {
  BRAND_ASSET_EXTENSIONS,
  BRAND_ASSET_TYPES,
  type BrandAssetKind,
  type BrandAssetType,
  MAX_BRAND_ASSET_BYTES,
  MIN_FAVICON_SIDE_PX,
  MIN_LOGO_SIDE_PX,
} from "@pc/shared";
import createDOMPurify, { type UponSanitizeAttributeHookEvent, type WindowLike } from "dompurify";
import { imageSize } from "image-size";
import type { DOMWindow } from "jsdom";
import { InvalidInputError } from "../../errors.js";
import { newJsdomWindow } from "../../services/lazy-jsdom.js";

/**
 * The longest side accepted, in pixels. Storefront browsers decode the whole image, and a small
 * PNG can claim a huge canvas; no logo or favicon needs more than this.
 */
export const MAX_BRAND_ASSET_SIDE_PX = 8192;

const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";

const TYPE_LABEL: Record<BrandAssetType, string> = { "image/png": "PNG", "image/webp": "WebP", "image/svg+xml": "SVG" };
/** "an SVG", "a PNG": the labels said as letters that start with a vowel sound. */
const article = (label: string) => (label === "SVG" || label === "ICO" ? `an ${label}` : `a ${label}`);
/** How image-size names the formats we refuse, for the message. */
const OTHER_LABEL: Record<string, string> = {
  jpg: "JPEG",
  gif: "GIF",
  bmp: "BMP",
  ico: "ICO",
  cur: "CUR",
  tiff: "TIFF",
  heif: "HEIF/AVIF",
};

/** The bytes up to the end of the part that holds the size: PNG's IHDR chunk, WebP's first chunk header and size. */
const MIN_HEADER_BYTES = { "image/png": 33, "image/webp": 30 } as const;

function refuse(message: string): never {
  throw new InvalidInputError("file", message);
}

export interface BrandAssetUpload {
  kind: BrandAssetKind;
  fileName: string;
  contentType: BrandAssetType;
  bytes: Buffer;
}

export interface CheckedBrandAsset {
  contentType: BrandAssetType;
  /** What is stored: the upload itself, or for SVG its sanitised serialisation. */
  bytes: Buffer;
  width: number;
  height: number;
  /** True when sanitising changed the SVG (something unsafe or unknown was removed). */
  sanitized: boolean;
}

function typeOfFileName(fileName: string): BrandAssetType | null {
  const dot = fileName.lastIndexOf(".");
  if (dot < 0) return null;
  const extension = fileName.slice(dot).toLowerCase();
  return BRAND_ASSET_TYPES.find((type) => BRAND_ASSET_EXTENSIONS[type].includes(extension)) ?? null;
}

function checkByteSize(bytes: Buffer): void {
  if (bytes.length === 0) refuse("The file is empty");
  if (bytes.length > MAX_BRAND_ASSET_BYTES) {
    refuse(`The file is ${(bytes.length / 1024).toFixed(1)} KB; images may be at most ${MAX_BRAND_ASSET_BYTES / 1024} KB`);
  }
}

/** image-size's reading of the header, or null when it recognises nothing (or a broken header). */
function readHeader(bytes: Buffer): { type: string | undefined; width: number; height: number } | null {
  try {
    const size = imageSize(bytes);
    return { type: size.type, width: size.width, height: size.height };
  } catch {
    return null;
  }
}

function looksLikeSvg(bytes: Buffer): boolean {
  return /<svg[\s>]/.test(bytes.toString("utf8", 0, Math.min(bytes.length, 64 * 1024)));
}

/** The type the bytes really are; refuses anything that is not a PNG, WebP or SVG. */
function detectType(bytes: Buffer, header: ReturnType<typeof readHeader>): BrandAssetType {
  if (header?.type === "png") return "image/png";
  if (header?.type === "webp") return "image/webp";
  if (looksLikeSvg(bytes)) return "image/svg+xml";
  const other = header?.type;
  if (other) refuse(`The file is ${article(OTHER_LABEL[other] ?? other.toUpperCase())} image; upload a PNG, WebP or SVG`);
  refuse("The file is not a PNG, WebP or SVG image");
}

function checkSides(kind: BrandAssetKind, width: number, height: number): void {
  const minimum = kind === "logo" ? MIN_LOGO_SIDE_PX : MIN_FAVICON_SIDE_PX;
  if (Math.min(width, height) < minimum) {
    refuse(`A ${kind} must be at least ${minimum} px on its shorter side; this image is ${width} × ${height} px`);
  }
  if (Math.max(width, height) > MAX_BRAND_ASSET_SIDE_PX) {
    refuse(`Images may be at most ${MAX_BRAND_ASSET_SIDE_PX} px on a side; this one is ${width} × ${height} px`);
  }
}

export function checkBrandAsset(upload: BrandAssetUpload): CheckedBrandAsset {
  const { bytes, fileName, contentType } = upload;
  checkByteSize(bytes);
  const nameType = typeOfFileName(fileName);
  if (!nameType) refuse("The file name must end in .png, .webp or .svg");
  const header = readHeader(bytes);
  const detected = detectType(bytes, header);
  const disagreements: string[] = [];
  if (nameType !== detected) disagreements.push(`its name (${fileName}) says ${TYPE_LABEL[nameType]}`);
  if (contentType !== detected) disagreements.push(`its type (${contentType}) says ${TYPE_LABEL[contentType]}`);
  if (disagreements.length > 0) refuse(`The file's bytes are ${article(TYPE_LABEL[detected])} image, but ${disagreements.join(" and ")}`);

  if (detected !== "image/svg+xml") {
    // image-size reads past the end of a cut-off header as if it were there.
    if (bytes.length < MIN_HEADER_BYTES[detected]) refuse(`The ${TYPE_LABEL[detected]} image is incomplete: its header is cut short`);
    if (!header || !(header.width > 0 && header.height > 0)) refuse(`The ${TYPE_LABEL[detected]} image has no readable size`);
    checkSides(upload.kind, header.width, header.height);
    return { contentType: detected, bytes, width: header.width, height: header.height, sanitized: false };
  }

  const { svg, sanitized } = sanitizeSvg(decodeText(bytes));
  const clean = Buffer.from(svg, "utf8");
  checkByteSize(clean);
  const size = readHeader(clean);
  if (!size || !(size.width > 0 && size.height > 0)) refuse("The SVG has no size: give its root element a viewBox, or a width and height");
  // Vector: no minimum, but the same maximum (its size is what storefronts lay it out at).
  if (Math.max(size.width, size.height) > MAX_BRAND_ASSET_SIDE_PX) {
    refuse(`Images may be at most ${MAX_BRAND_ASSET_SIDE_PX} px on a side; this SVG is ${size.width} × ${size.height}`);
  }
  return { contentType: detected, bytes: clean, width: size.width, height: size.height, sanitized };
}

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    refuse("The SVG is not UTF-8 text");
  }
}

// ---------------------------------------------------------------------------------------------
// SVG

let svgWindow: DOMWindow | undefined;

/** One jsdom window for every upload: building one is slow, and parsing leaves nothing behind in it. */
function windowForSvg(): DOMWindow {
  svgWindow ??= newJsdomWindow();
  return svgWindow;
}

/** Attributes that load what they name; only a fragment of this document ("#id") may stay. */
const REFERENCE_ATTRIBUTES = new Set(["href", "xlink:href", "src"]);
/** Elements that draw what they refer to: with an outside reference, the element goes. */
const REFERRING_ELEMENTS = new Set(["use", "image", "feimage"]);
/** CSS functions that fetch; in a presentation attribute (fill, mask, filter…) only `url(#id)` may stay. */
const CSS_FETCH = /\b(?:url|src)\s*\(\s*(['"]?)\s*([^'")\s]*)/gi;

function refersOutside(value: string): boolean {
  return !value.trim().startsWith("#");
}

function fetchesOutside(value: string): boolean {
  // CSS escapes could spell url( unseen; no SVG attribute needs a backslash.
  if (value.includes("\\")) return true;
  for (const match of value.matchAll(CSS_FETCH)) if (refersOutside(match[2] ?? "")) return true;
  return false;
}

function onAttribute(_node: Element, data: UponSanitizeAttributeHookEvent): void {
  const name = data.attrName.toLowerCase();
  const value = data.attrValue;
  const unsafe =
    name.startsWith("on") ||
    (REFERENCE_ATTRIBUTES.has(name) && refersOutside(value)) ||
    fetchesOutside(value) ||
    // An animation that targets a reference or handler would set what the checks above removed.
    (name === "attributename" && /^\s*(?:on|href|xlink:href|src|style)/i.test(value));
  if (unsafe) data.keepAttr = false;
}

function onElement(node: Node): void {
  if (node.nodeType !== 1) return;
  const element = node as Element;
  if (!REFERRING_ELEMENTS.has(element.localName.toLowerCase())) return;
  const reference = element.getAttribute("href") ?? element.getAttributeNS(XLINK_NS, "href");
  if (reference !== null && refersOutside(reference)) element.parentNode?.removeChild(element);
}

/**
 * Parses `text` as XML (refusing what is not a well-formed SVG document) and answers the SVG
 * element sanitised by DOMPurify with the SVG profiles, plus our stricter rules: no script,
 * foreignObject or style (elements or attributes), no on* handler, and nothing that refers outside
 * the document. `sanitized` says whether that changed anything.
 */
export function sanitizeSvg(text: string): { svg: string; sanitized: boolean } {
  // The XML parser expands internal entities; a few nested ones expand into gigabytes.
  if (/<!ENTITY/i.test(text)) refuse("The SVG declares entities, which are not accepted");
  const window = windowForSvg();
  const parsed = new window.DOMParser().parseFromString(text, "image/svg+xml");
  const root = parsed.documentElement;
  if (!root || root.localName === "parsererror") {
    refuse(`The SVG is not well-formed XML${root?.textContent ? ` (${root.textContent.trim().replace(/\.$/, "")})` : ""}`);
  }
  if (root.localName !== "svg") refuse(`The file is not an SVG image: its root element is <${root.localName}>`);
  if (root.namespaceURI !== SVG_NS) refuse(`The SVG's root element needs xmlns="${SVG_NS}"`);
  // image-size reads the viewBox split on spaces; commas are as valid and become spaces.
  const viewBox = root.getAttribute("viewBox");
  if (viewBox !== null)
    root.setAttribute(
      "viewBox",
      viewBox
        .trim()
        .split(/[\s,]+/)
        .join(" "),
    );

  const serializer = new window.XMLSerializer();
  const original = serializer.serializeToString(root);
  const purify = createDOMPurify(window as unknown as WindowLike);
  purify.addHook("uponSanitizeElement", onElement);
  purify.addHook("uponSanitizeAttribute", onAttribute);
  const fragment = purify.sanitize(root, {
    USE_PROFILES: { svg: true, svgFilters: true },
    // <use> of a symbol in the same file is common in logos; outside references go in onElement.
    ADD_TAGS: ["use"],
    FORBID_TAGS: ["script", "foreignobject", "style"],
    FORBID_ATTR: ["style"],
    RETURN_DOM_FRAGMENT: true,
  });
  const clean = fragment.firstElementChild;
  if (clean?.localName !== "svg" || clean.namespaceURI !== SVG_NS) refuse("Nothing of this SVG is safe to keep");
  const svg = serializer.serializeToString(clean);
  return { svg, sanitized: svg !== original };
}
