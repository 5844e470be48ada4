/**
 * The admin audit trail is a hash chain: each event's hash covers the previous event's hash and
 * the event's canonical JSON (RFC 8785), so an edit, a deletion or a truncation is detectable.
 * Pure: the same function writes the chain (server) and checks it (anyone, offline).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import canonicalize from "canonicalize";

/** The prev_hash of the first event. */
export const AUDIT_CHAIN_GENESIS = "0".repeat(64);

/** What the hash covers: every field of the event but its id and its own hashes. */
export interface AuditChainEntry {
  tenantId: string | null;
  actorUserId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  /** ISO 8601 with milliseconds, as stored. */
  createdAt: string;
}

/**
 * JSON as the database keeps it (jsonb): dates become ISO strings, undefined fields vanish.
 * Hashing this form means a value read back from the database hashes the same as when written.
 */
export function toStoredJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** The event's canonical JSON (RFC 8785), in its stored form: what its hash covers besides the link. */
export function auditEntryCanonical(entry: AuditChainEntry): string {
  return canonicalize(toStoredJson(entry)) as string;
}

/** sha256 (hex) over the UTF-8 of the previous hash, a newline and the canonical JSON. */
export function auditChainHash(prevHash: string, canonical: string): string {
  return bytesToHex(sha256(utf8ToBytes(`${prevHash}\n${canonical}`)));
}

export function auditEntryHash(prevHash: string, entry: AuditChainEntry): string {
  return auditChainHash(prevHash, auditEntryCanonical(entry));
}
