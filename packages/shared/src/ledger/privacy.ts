// What the ledger keeps about a visitor, reduced to what demonstrating consent needs: the IP
// address cut to its network, the jurisdiction instead of the country, the storefront's subject id
// only as a keyed hash, and a salted digest standing in the chain for the personal data kept beside it.
// Browser-safe (no Node APIs), so the dashboard can compute the same values.

import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, randomBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import canonicalize from "canonicalize";

// ---------------------------------------------------------------------------------------------
// IP addresses

function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const octets: number[] = [];
  for (const part of parts) {
    // No leading zeros: "010" reads as octal to some parsers and decimal to others.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    octets.push(octet);
  }
  return octets;
}

function parseHextets(text: string): number[] | null {
  if (text === "") return [];
  const hextets: number[] = [];
  const parts = text.split(":");
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes(".")) {
      const octets = parseIpv4(part);
      if (!octets) return null;
      const [a = 0, b = 0, c = 0, d = 0] = octets;
      hextets.push((a << 8) | b, (c << 8) | d);
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return null;
      hextets.push(Number.parseInt(part, 16));
    }
  }
  return hextets;
}

/** The eight 16-bit groups of an IPv6 address (RFC 4291 text forms, with or without a zone), or null. */
function parseIpv6(text: string): number[] | null {
  const zone = text.indexOf("%");
  const address = zone === -1 ? text : zone < text.length - 1 ? text.slice(0, zone) : null;
  if (address === null) return null;
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const head = parseHextets(halves[0] ?? "");
  if (halves.length === 1) return head?.length === 8 ? head : null;
  const tail = parseHextets(halves[1] ?? "");
  if (!head || !tail || head.length + tail.length > 7) return null;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** RFC 5952: lower case, no leading zeros, the longest run (the first of equals) of two or more zero groups as "::". */
function formatIpv6(hextets: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < hextets.length; ) {
    if (hextets[start] !== 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < hextets.length && hextets[end] === 0) end++;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const groups = hextets.map((hextet) => hextet.toString(16));
  if (bestStart === -1) return groups.join(":");
  return `${groups.slice(0, bestStart).join(":")}::${groups.slice(bestStart + bestLength).join(":")}`;
}

/**
 * The network an address belongs to, which is what the ledger keeps: IPv4 to its /24
 * ("203.0.113.0"), IPv6 to its /48 ("2001:db8:85a3::", RFC 5952 form, zone dropped). An
 * IPv4-mapped IPv6 address (::ffff:203.0.113.7, as a dual-stack server reports IPv4 clients) is
 * treated as the IPv4 address it carries. Surrounding spaces are ignored; anything else that is not
 * an address gives null.
 */
export function truncateIp(ip: string): string | null {
  const text = ip.trim();
  const v4 = parseIpv4(text);
  if (v4) return `${v4[0]}.${v4[1]}.${v4[2]}.0`;
  const v6 = parseIpv6(text);
  if (!v6) return null;
  const isV4Mapped = v6.slice(0, 5).every((hextet) => hextet === 0) && v6[5] === 0xffff;
  if (isV4Mapped) {
    const high = v6[6] ?? 0;
    return `${high >> 8}.${high & 0xff}.${(v6[7] ?? 0) >> 8}.0`;
  }
  return formatIpv6([...v6.slice(0, 3), 0, 0, 0, 0, 0]);
}

// ---------------------------------------------------------------------------------------------
// Jurisdictions

/** The 27 member states of the European Union (ISO 3166-1 alpha-2; Greece is GR, not EL). */
export const EU_COUNTRIES = [
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
] as const;

/** The 30 countries of the European Economic Area: the EU and Iceland, Liechtenstein, Norway. */
export const EEA_COUNTRIES = [...EU_COUNTRIES, "IS", "LI", "NO"] as const;

/**
 * Parts of EU member states that have their own ISO code but where the GDPR applies all the same
 * (Åland; the French outermost regions; Saint-Martin). Without them a visitor on Réunion would be
 * recorded as outside the EEA.
 */
export const EEA_TERRITORIES = ["AX", "GF", "GP", "MQ", "RE", "YT", "MF"] as const;

/** GB is the ISO code; UK is reserved for it and what some CDNs send. */
export const UK_CODES = ["GB", "UK"] as const;

/**
 * The privacy regime a record falls under, from the country hint. UNKNOWN when the storefront sent
 * no hint: recording OTHER for a visitor whose country nobody knows would be evidence of something
 * that was never established.
 */
export const JURISDICTIONS = ["EEA", "UK", "CH", "US", "OTHER", "UNKNOWN"] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

const EEA_CODES: ReadonlySet<string> = new Set([...EEA_COUNTRIES, ...EEA_TERRITORIES]);
const UK_CODE_SET: ReadonlySet<string> = new Set(UK_CODES);

/** The jurisdiction of an ISO 3166-1 alpha-2 country code (any case); UNKNOWN when there is none. */
export function jurisdictionOf(country: string | null | undefined): Jurisdiction {
  if (country === null || country === undefined || country.trim() === "") return "UNKNOWN";
  const code = country.trim().toUpperCase();
  if (EEA_CODES.has(code)) return "EEA";
  if (UK_CODE_SET.has(code)) return "UK";
  if (code === "CH") return "CH";
  if (code === "US") return "US";
  return "OTHER";
}

// ---------------------------------------------------------------------------------------------
// Digests

/** A tenant's subject secret is 32 random bytes (the HMAC-SHA256 block's worth of security). */
export const MIN_SUBJECT_SECRET_BYTES = 32;

/**
 * The subject id as the ledger stores it: HMAC-SHA256 under the tenant's secret, hex. Staff can
 * find a subject's records by computing it again; the ledger alone does not reveal the id, and a
 * guessed id cannot be checked without the secret.
 */
export function subjectDigest(secret: Uint8Array, subjectId: string): string {
  if (secret.length < MIN_SUBJECT_SECRET_BYTES) {
    throw new RangeError(`The subject secret must be at least ${MIN_SUBJECT_SECRET_BYTES} bytes`);
  }
  return bytesToHex(hmac(sha256, secret, utf8ToBytes(subjectId)));
}

/** The personal data of one record, kept in a side table that erasure may empty. */
export interface LedgerPersonalData {
  /** The truncated address (truncateIp), or null when there was none. */
  ip: string | null;
  userAgent: string | null;
  /** newPersonalDataSalt(), stored with the data and erased with it. */
  salt: string;
}

/**
 * 16 random bytes, hex. A /24 and a common user agent are few enough to guess, so without the salt
 * the digest in the chain would itself identify the visitor after the data was erased.
 */
export function newPersonalDataSalt(): string {
  return bytesToHex(randomBytes(16));
}

/** sha256 (hex) of the canonical JSON (RFC 8785) of the personal data: what the chain holds in its place. */
export function personalDataDigest(data: LedgerPersonalData): string {
  const body = canonicalize({ ip: data.ip, userAgent: data.userAgent, salt: data.salt }) ?? "";
  return bytesToHex(sha256(utf8ToBytes(body)));
}
