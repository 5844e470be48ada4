/**
 * A data-subject request close to its one-month deadline, or past it. Says which request and when
 * it is due, never who the subject is (the mail may be forwarded).
 */
import type { EmailBrand } from "../brand.js";
import { formatMailDate, type RenderedEmail, renderEmail } from "./layout.js";

export type DeadlineStage = "due_soon" | "overdue";

export interface SubjectRequestDeadlineMail {
  stage: DeadlineStage;
  kind: "access" | "erasure";
  tenantName: string;
  receivedAt: Date;
  dueAt: Date;
  status: string;
  filedBy: string;
  url: string;
}

const KIND_LABELS = { access: "access request (Art. 15)", erasure: "erasure request (Art. 17)" } as const;
const STATUS_LABELS: Record<string, string> = {
  received: "Received",
  identity_verified: "Identity verified",
  in_progress: "In progress",
};

export function subjectRequestDeadlineEmail(brand: EmailBrand, mail: SubjectRequestDeadlineMail): RenderedEmail {
  const kind = KIND_LABELS[mail.kind];
  const due = formatMailDate(mail.dueAt);
  const overdue = mail.stage === "overdue";
  return renderEmail(brand, {
    subject: overdue
      ? `Overdue: a data-subject ${kind} for ${mail.tenantName}`
      : `Due by ${due}: a data-subject ${kind} for ${mail.tenantName}`,
    preheader: overdue ? `The answer was due on ${due}.` : `The answer is due on ${due}.`,
    heading: overdue ? "A data-subject request is overdue" : "A data-subject request is due within 7 days",
    paragraphs: [
      overdue
        ? `The answer to this ${kind} was due on ${due}, one month after it was received. Answer it as soon as you can.`
        : `The answer to this ${kind} is due on ${due}, one month after it was received.`,
    ],
    details: [
      ["Tenant", mail.tenantName],
      ["Received", formatMailDate(mail.receivedAt)],
      ["Due", due],
      ["Status", STATUS_LABELS[mail.status] ?? mail.status],
      ["Filed by", mail.filedBy],
    ],
    action: { label: "Open the request", url: mail.url },
  });
}
