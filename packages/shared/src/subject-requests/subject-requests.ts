/**
 * Data-subject requests (GDPR Art. 15 access, Art. 17 erasure): their kinds, workflow states and
 * the rules that are the same on the server and in the web app (the due date, the masked hint of a
 * subject id shown instead of the id, the hash of a receipt or export).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import canonicalize from "canonicalize";

export const SUBJECT_REQUEST_KINDS = ["access", "erasure"] as const;
export type SubjectRequestKind = (typeof SUBJECT_REQUEST_KINDS)[number];

/** received → identity_verified → in_progress → completed, or rejected from any open state. */
export const SUBJECT_REQUEST_STATUSES = ["received", "identity_verified", "in_progress", "completed", "rejected"] as const;
export type SubjectRequestStatus = (typeof SUBJECT_REQUEST_STATUSES)[number];

export const OPEN_SUBJECT_REQUEST_STATUSES = [
  "received",
  "identity_verified",
  "in_progress",
] as const satisfies readonly SubjectRequestStatus[];

export const SUBJECT_REQUEST_CHANNELS = ["email", "phone", "letter", "web_form"] as const;
export type SubjectRequestChannel = (typeof SUBJECT_REQUEST_CHANNELS)[number];

export const GUARDIAN_VERIFICATION_METHODS = ["id_document", "bank_id", "other"] as const;
export type GuardianVerificationMethod = (typeof GUARDIAN_VERIFICATION_METHODS)[number];

/** The earliest date a request can have been received: the day the GDPR applied (Art. 99(2)). */
export const SUBJECT_REQUESTS_RECEIVED_SINCE = new Date("2018-05-25T00:00:00.000Z");

/** At most this many storefront subject ids in one request (one person, several devices). */
export const MAX_SUBJECT_IDS_PER_REQUEST = 10;

export function isOpenSubjectRequest(status: SubjectRequestStatus): boolean {
  return (OPEN_SUBJECT_REQUEST_STATUSES as readonly string[]).includes(status);
}

/**
 * When the answer is due: one calendar month after receipt (GDPR Art. 12(3)), the same day of the
 * month in UTC, clamped to the month's last day (31 January → 28 or 29 February), same time of day.
 */
export function subjectRequestDueAt(receivedAt: Date): Date {
  const year = receivedAt.getUTCFullYear();
  const month = receivedAt.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const due = new Date(receivedAt.getTime());
  due.setUTCDate(1);
  due.setUTCMonth(month);
  due.setUTCDate(Math.min(receivedAt.getUTCDate(), lastDay));
  return due;
}

export function isSubjectRequestOverdue(request: { status: SubjectRequestStatus; dueAt: Date }, now: Date = new Date()): boolean {
  return isOpenSubjectRequest(request.status) && request.dueAt.getTime() < now.getTime();
}

/** What staff see of a subject id: enough to tell two apart, never the id itself ("de…ce"). */
export function maskSubjectId(subjectId: string): string {
  const chars = [...subjectId];
  if (chars.length <= 4) return "…";
  const keep = chars.length <= 8 ? 1 : 2;
  return `${chars.slice(0, keep).join("")}…${chars.slice(-keep).join("")}`;
}

/**
 * The canonical JSON (RFC 8785) of an erasure receipt or access export: what its sha256 covers, so
 * anyone holding the document can recompute the hash printed with it.
 */
export function subjectRequestDocumentCanonical(document: unknown): string {
  const text = canonicalize(document);
  if (text === undefined) throw new Error("the document cannot be written as JSON");
  return text;
}

/** sha256 (hex) over the document's canonical JSON. */
export function subjectRequestDocumentSha256(document: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(subjectRequestDocumentCanonical(document))));
}
