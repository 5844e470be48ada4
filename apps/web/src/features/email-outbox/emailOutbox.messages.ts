/**
 * Email outbox texts in English (merged into the app's resources in i18n/en.ts as `emailOutbox`);
 * the Norwegian bokmål ones are in emailOutbox.messages.nb.ts.
 */
export const emailOutboxEn = {
  title: "Email outbox",
  description:
    "Every mail the console queued: invitations, policy changes, failed payouts and data-subject request deadlines, and how delivery went.",
  descriptionPartner:
    "Mail the console queued for your team: invitations, policy changes, failed payouts and data-subject request deadlines.",
  delivery: {
    on: "Delivery is on: mail goes out over SMTP within about 15 seconds, and a failed attempt is tried again later.",
    off: "Delivery is off: no SMTP server is set up (SMTP_URL), so nothing is sent. Mail waits here as pending; open one to read it.",
  },
  filters: {
    status: "Status",
    kind: "Kind",
    any: "Any",
  },
  statuses: {
    pending: "Pending",
    sending: "Sending",
    sent: "Sent",
    failed: "Failed",
    cancelled: "Cancelled",
  },
  kinds: {
    invitation: "Invitation",
    policy_material_published: "Material policy change",
    payout_failed: "Failed payout",
    subject_request_deadline: "Request deadline",
  },
  audiences: {
    operator: "Staff only",
    tenant: "Partner",
  },
  columns: {
    created: "Queued",
    to: "To",
    subject: "Subject",
    kind: "Kind",
    tenant: "Tenant",
    status: "Status",
  },
  empty: "No mail matches.",
  loadMore: "Load more",
  end_one: "{{count}} mail shown: that is all.",
  end_other: "All {{count}} mails shown.",
  attempts_one: "{{count}} attempt",
  attempts_other: "{{count}} attempts",
  nextAttempt: "next try {{when}}",
  detail: {
    title: "Mail",
    to: "To",
    from: "Sender name",
    replyTo: "Replies to",
    audience: "Seen by",
    created: "Queued",
    sent: "Sent",
    attempts: "Attempts",
    nextAttempt: "Next try",
    lastError: "Last error",
    messageId: "Message-ID",
    text: "Plain text",
    html: "HTML preview",
    htmlFrame: "Preview of the mail as HTML",
    noHtml: "This mail has no HTML version.",
    retry: "Send again now",
    retried: "The mail is queued again.",
    none: "–",
  },
};
