// Inputs of data-subject requests (file, the workflow steps, list, detail), shared by the server
// and the web forms.

import { z } from "zod";
import { MAX_SUBJECT_ID } from "../ledger/wire.js";
import {
  GUARDIAN_VERIFICATION_METHODS,
  MAX_SUBJECT_IDS_PER_REQUEST,
  SUBJECT_REQUEST_CHANNELS,
  SUBJECT_REQUEST_KINDS,
  SUBJECT_REQUEST_STATUSES,
  SUBJECT_REQUESTS_RECEIVED_SINCE,
} from "../subject-requests/subject-requests.js";
import { ZEmail } from "./auth.js";
import { hasNoNul, nulMessage, requiredText } from "./text.js";

const text = requiredText;

/** A storefront's subject id as staff type it (trimmed): filing a request, placing a legal hold. */
export const ZSubjectIdInput = z
  .string({ message: "Enter the subject id the storefront uses" })
  .trim()
  .min(1, "Enter the subject id the storefront uses")
  .max(MAX_SUBJECT_ID, `A subject id has at most ${MAX_SUBJECT_ID} characters`)
  .refine(hasNoNul, nulMessage("The subject id"));

export const ZSubjectRequestId = z.object({ requestId: z.uuid({ message: "Unknown request" }) });

export const ZGuardianInput = z.object({
  name: text("The guardian's name", 200, "Enter the guardian's name"),
  relationship: text("The relationship", 100, "Say how the guardian is related to the child (e.g. mother)"),
  verificationMethod: z.enum(GUARDIAN_VERIFICATION_METHODS, { message: "Choose how the guardian was verified" }),
  verificationNote: text("The verification note", 2000, "Describe how the guardian was verified"),
});

export const ZFileSubjectRequestInput = z.object({
  /** Staff: the tenant whose customer asks. Partners: their own tenant only (another answers NOT_FOUND). */
  tenantId: z.uuid({ message: "Choose a tenant" }).optional(),
  kind: z.enum(SUBJECT_REQUEST_KINDS, { message: "Choose access or erasure" }),
  /** The storefront's subject id(s); only their keyed hashes and a masked hint are stored. */
  subjectIds: z
    .array(ZSubjectIdInput, { message: "Enter the subject id the storefront uses" })
    .min(1, "Enter the subject id the storefront uses")
    .max(MAX_SUBJECT_IDS_PER_REQUEST, `At most ${MAX_SUBJECT_IDS_PER_REQUEST} subject ids in one request`),
  requesterEmail: ZEmail,
  channel: z.enum(SUBJECT_REQUEST_CHANNELS, { message: "Choose how the request arrived" }),
  /**
   * When the request arrived (it may have come by letter days ago); now when left out. Not before
   * the GDPR applied (a typo like 0226 for 2026); the server refuses one in the future.
   */
  receivedAt: z.coerce
    .date({ message: "The date received must be a date" })
    .min(SUBJECT_REQUESTS_RECEIVED_SINCE, "The date received cannot be before 25 May 2018, when the GDPR took effect")
    .optional(),
  /** Present when the subject is a minor and a guardian asks on their behalf. */
  guardian: ZGuardianInput.optional(),
});
export type FileSubjectRequestInput = z.input<typeof ZFileSubjectRequestInput>;

/** The request's receipt or export, or (an access request) the evidence pack of one of its subjects, by position. */
export const ZDownloadSubjectRequestInput = ZSubjectRequestId.extend({
  evidencePack: z
    .number({ message: "Name the evidence pack by its number" })
    .int("Name the evidence pack by its number")
    .min(0, "Name the evidence pack by its number")
    .max(MAX_SUBJECT_IDS_PER_REQUEST - 1, "Name the evidence pack by its number")
    .optional(),
});

export const ZVerifySubjectIdentityInput = ZSubjectRequestId.extend({
  note: text("The note", 2000, "Describe how the requester's identity was verified"),
});

export const ZRejectSubjectRequestInput = ZSubjectRequestId.extend({
  reason: text("The reason", 2000, "Give the reason for rejecting the request"),
});

export const SUBJECT_REQUEST_LIST_DEFAULT_LIMIT = 50;
export const SUBJECT_REQUEST_LIST_MAX_LIMIT = 200;

export const ZListSubjectRequestsInput = z.object({
  tenantId: z.uuid({ message: "Unknown tenant" }).optional(),
  status: z.enum(SUBJECT_REQUEST_STATUSES, { message: "Unknown status" }).optional(),
  kind: z.enum(SUBJECT_REQUEST_KINDS, { message: "Choose access or erasure" }).optional(),
  /** Only open requests past their due date. */
  overdue: z.boolean({ message: "Overdue is yes or no" }).optional(),
  /** The previous page's nextCursor: valid only for the same filters, by the same tenant scope. */
  cursor: z.string().max(500, "This page link is malformed").optional(),
  limit: z
    .number({ message: "The page size is a number" })
    .int("The page size is a whole number")
    .min(1, "At least one request a page")
    .max(SUBJECT_REQUEST_LIST_MAX_LIMIT, `At most ${SUBJECT_REQUEST_LIST_MAX_LIMIT} requests a page`)
    .default(SUBJECT_REQUEST_LIST_DEFAULT_LIMIT),
});
