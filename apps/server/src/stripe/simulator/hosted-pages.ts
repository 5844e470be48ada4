// The pages Stripe would host: onboarding behind an account link, and Checkout. Plain HTML forms
// (no script), every value escaped.
import { currencyInfo, isCurrencyCode } from "@pc/shared";
import type { SimContext } from "./context.js";
import { SimulatorError } from "./errors.js";
import type { CheckoutPlan, CheckoutSession } from "./types.js";

export interface HostedActions {
  completeOnboarding(accountId: string): void;
  /** Throws a SimulatorError (card_error) when the card is declined. */
  payCheckoutSession(sessionId: string, card: string): void;
}

const DEFAULT_CARD = "4242 4242 4242 4242";

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f6f9fc;color:#1a1f36;margin:0}
main{max-width:28rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 2px 8px #0002}
h1{font-size:1.25rem;margin-top:0}table{width:100%;border-collapse:collapse;margin:1rem 0}
td,th{padding:.4rem 0;text-align:left}td.amount,th.amount{text-align:right}tfoot th{border-top:1px solid #ccd}
label{display:block;font-weight:600;margin:1rem 0 .25rem}input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #8892a6;border-radius:4px}
button{margin-top:1rem;padding:.7rem 1.2rem;font-size:1rem;border:0;border-radius:4px;background:#635bff;color:#fff;cursor:pointer}
button.secondary{background:#e3e8ee;color:#1a1f36}.alert{background:#fde8e8;color:#8a1c1c;padding:.75rem;border-radius:4px}
.note{color:#5a6275;font-size:.875rem}code{font-size:.875rem}`;

function page(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { location } });
}

function formatAmount(amount: number, currency: string): string {
  const code = currency.toUpperCase();
  const info = isCurrencyCode(code) ? currencyInfo(code) : { exponent: 2, decimals: 2 };
  const value = amount / 10 ** info.exponent;
  try {
    return new Intl.NumberFormat("en", {
      style: "currency",
      currency: code,
      minimumFractionDigits: info.decimals,
      maximumFractionDigits: info.decimals,
    }).format(value);
  } catch {
    return `${value.toFixed(info.decimals)} ${code}`;
  }
}

async function onboarding(ctx: SimContext, actions: HostedActions, request: Request, token: string): Promise<Response> {
  const link = Object.hasOwn(ctx.store.state.accountLinks, token) ? ctx.store.state.accountLinks[token] : undefined;
  if (!link) return page("Link not found", "<h1>This onboarding link does not exist.</h1>", 404);
  if (link.used || link.expiresAt < ctx.unix()) return redirect(link.refreshUrl);
  if (request.method === "POST") {
    actions.completeOnboarding(link.account);
    link.used = true;
    return redirect(link.returnUrl);
  }
  const account = ctx.store.get(link.account, "account");
  return page(
    "Stripe onboarding (simulated)",
    `<h1>Stripe onboarding (simulated)</h1>
<p>Account <code>${escapeHtml(link.account)}</code>${account?.email ? ` (${escapeHtml(account.email)})` : ""}.</p>
<p class="note">Completing onboarding clears the account's requirements, enables charges and payouts, and adds a test bank account.</p>
<form method="post"><button type="submit">Complete onboarding</button></form>`,
  );
}

function checkoutPage(session: CheckoutSession, plan: CheckoutPlan, error?: string): Response {
  const rows = plan.lineItems
    .map(
      (item) =>
        `<tr><td>${escapeHtml(item.name)}</td><td>${item.quantity}</td><td class="amount">${escapeHtml(formatAmount(item.unitAmount * item.quantity, session.currency))}</td></tr>`,
    )
    .join("");
  const total = escapeHtml(formatAmount(session.amount_total, session.currency));
  const alert = error ? `<p class="alert" role="alert">${escapeHtml(error)}</p>` : "";
  const cancel = session.cancel_url
    ? `<form method="post"><input type="hidden" name="action" value="cancel"><button type="submit" class="secondary">Cancel</button></form>`
    : "";
  return page(
    "Checkout (simulated)",
    `<h1>Checkout (simulated)</h1>${alert}
<table><caption class="note">Session <code>${escapeHtml(session.id)}</code></caption>
<thead><tr><th scope="col">Item</th><th scope="col">Qty</th><th scope="col" class="amount">Amount</th></tr></thead>
<tbody>${rows}</tbody><tfoot><tr><th scope="row" colspan="2">Total</th><th class="amount">${total}</th></tr></tfoot></table>
<form method="post"><input type="hidden" name="action" value="pay">
<label for="card">Card number</label><input id="card" name="card" inputmode="numeric" autocomplete="cc-number" value="${DEFAULT_CARD}" aria-describedby="card-help">
<p id="card-help" class="note">Test cards: 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined.</p>
<button type="submit">Pay ${total}</button></form>${cancel}`,
    error ? 402 : 200,
  );
}

async function checkout(ctx: SimContext, actions: HostedActions, request: Request, sessionId: string): Promise<Response> {
  const session = ctx.store.get(sessionId, "checkout.session");
  const plan = ctx.store.state.checkoutPlans[sessionId];
  if (!session || !plan) return page("Checkout not found", "<h1>This Checkout Session does not exist.</h1>", 404);
  if (session.status === "open" && session.expires_at <= ctx.unix()) {
    return page("Checkout expired", "<h1>This Checkout Session has expired.</h1>", 410);
  }
  if (session.status !== "open") {
    return page("Checkout closed", `<h1>This Checkout Session is no longer active.</h1><p>Status: ${escapeHtml(session.status)}.</p>`, 410);
  }
  if (request.method !== "POST") return checkoutPage(session, plan);
  const form = new URLSearchParams(await request.text());
  if (form.get("action") === "cancel" && session.cancel_url) return redirect(session.cancel_url);
  try {
    actions.payCheckoutSession(sessionId, form.get("card") ?? DEFAULT_CARD);
  } catch (error) {
    if (error instanceof SimulatorError) return checkoutPage(session, plan, error.message);
    throw error;
  }
  return redirect(session.success_url);
}

/** Answers /hosted/onboarding/<token> and /hosted/checkout/<session id>. */
export async function handleHosted(ctx: SimContext, actions: HostedActions, request: Request, segments: string[]): Promise<Response> {
  const [kind, id] = segments;
  if (request.method !== "GET" && request.method !== "POST") return page("Not allowed", "<h1>Method not allowed</h1>", 405);
  if (kind === "onboarding" && id) return onboarding(ctx, actions, request, id);
  if (kind === "checkout" && id) return checkout(ctx, actions, request, id);
  return page("Not found", "<h1>Not found</h1>", 404);
}
