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
} from "../subject-requests/subject-requests.js";
import { ZEmail } from "./auth.js";
import { hasNoNul, nulMessage } from "./text.js";

const text = (subject: string, max: number, required: string) =>
  z
    .string({ message: required })
    .trim()
    .min(1, required)
    .max(max, `${subject} has at most ${max} characters`)
    .refine(hasNoNul, nulMessage(subject));

const ZSubjectId = z
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
    .array(ZSubjectId, { message: "Enter the subject id the storefront uses" })
    .min(1, "Enter the subject id the storefront uses")
    .max(MAX_SUBJECT_IDS_PER_REQUEST, `At most ${MAX_SUBJECT_IDS_PER_REQUEST} subject ids in one request`),
  requesterEmail: ZEmail,
  channel: z.enum(SUBJECT_REQUEST_CHANNELS, { message: "Choose how the request arrived" }),
  /** When the request arrived (it may have come by letter days ago); now when left out. */
  receivedAt: z.coerce.date({ message: "The date received must be a date" }).optional(),
  /** Present when the subject is a minor and a guardian asks on their behalf. */
  guardian: ZGuardianInput.optional(),
});
export type FileSubjectRequestInput = z.input<typeof ZFileSubjectRequestInput>;

export const ZVerifySubjectIdentityInput = ZSubjectRequestId.extend({
  note: text("The note", 2000, "Describe how the requester's identity was verified"),
});

export const ZRejectSubjectRequestInput = ZSubjectRequestId.extend({
  reason: text("The reason", 2000, "Give the reason for rejecting the request"),
});

export const ZListSubjectRequestsInput = z.object({
  tenantId: z.uuid({ message: "Unknown tenant" }).optional(),
  status: z.enum(SUBJECT_REQUEST_STATUSES, { message: "Unknown status" }).optional(),
  kind: z.enum(SUBJECT_REQUEST_KINDS, { message: "Choose access or erasure" }).optional(),
  /** Only open requests past their due date. */
  overdue: z.boolean({ message: "Overdue is yes or no" }).optional(),
});
