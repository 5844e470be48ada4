// The /v1 REST surface: authentication, Stripe-Account scoping, parameter parsing, idempotency,
// routing to the resource handlers, expansion, and errors in Stripe's shape.
import type { ApiCall, SimContext } from "./context.js";
import { authenticationError, invalidRequest, SimulatorError } from "./errors.js";
import { SIMULATED_API_VERSION } from "./events.js";
import { expandParam, type Params, parseForm } from "./form.js";
import { randomBase62 } from "./ids.js";
import { expand, pageParams, present } from "./render.js";
import { createAccount, createAccountLink, retrieveAccount, updateAccount } from "./resources/accounts.js";
import { listBalanceTransactions, retrieveBalance, retrieveBalanceTransaction } from "./resources/balance.js";
import { retrieveCharge, retrievePaymentIntent } from "./resources/charges.js";
import { createCheckoutSession } from "./resources/checkout.js";
import { listDisputes, retrieveDispute } from "./resources/disputes.js";
import { createFeeRefund, retrieveApplicationFee } from "./resources/fees.js";
import { apiCreatePayout, cancelPayout, listPayouts, retrievePayout } from "./resources/payouts.js";
import { createRefund, listRefunds, retrieveRefund } from "./resources/refunds.js";
import { apiCreateTransfer, apiReverseTransfer, listReversals, retrieveReversal, retrieveTransfer } from "./resources/transfers.js";

type Handler = (ctx: SimContext, call: ApiCall, id: string, subId: string) => unknown;

/** Method, path pattern (":id" and ":sub" match one segment each), handler. */
const ROUTES: [string, string, Handler][] = [
  ["POST", "accounts", createAccount],
  ["GET", "accounts/:id", retrieveAccount],
  ["POST", "accounts/:id", updateAccount],
  ["POST", "account_links", createAccountLink],
  ["POST", "checkout/sessions", createCheckoutSession],
  ["GET", "checkout/sessions/:id", (ctx, call, id) => ctx.store.scoped(id, "checkout.session", call.account)],
  ["GET", "payment_intents/:id", retrievePaymentIntent],
  ["GET", "charges/:id", retrieveCharge],
  ["POST", "refunds", createRefund],
  ["GET", "refunds", (ctx, call) => listRefunds(ctx, call, pageParams(call.params))],
  ["GET", "refunds/:id", retrieveRefund],
  ["GET", "application_fees/:id", retrieveApplicationFee],
  ["POST", "application_fees/:id/refunds", createFeeRefund],
  ["POST", "transfers", apiCreateTransfer],
  ["GET", "transfers/:id", retrieveTransfer],
  ["POST", "transfers/:id/reversals", apiReverseTransfer],
  ["GET", "transfers/:id/reversals", (ctx, call, id) => listReversals(ctx, call, id, pageParams(call.params))],
  ["GET", "transfers/:id/reversals/:sub", retrieveReversal],
  ["GET", "disputes", (ctx, call) => listDisputes(ctx, call, pageParams(call.params))],
  ["GET", "disputes/:id", retrieveDispute],
  ["GET", "balance", retrieveBalance],
  ["GET", "balance_transactions", (ctx, call) => listBalanceTransactions(ctx, call, pageParams(call.params))],
  ["GET", "balance_transactions/:id", retrieveBalanceTransaction],
  ["POST", "payouts", apiCreatePayout],
  ["GET", "payouts", (ctx, call) => listPayouts(ctx, call, pageParams(call.params))],
  ["GET", "payouts/:id", retrievePayout],
  ["POST", "payouts/:id/cancel", cancelPayout],
  ["GET", "events/:id", (ctx, call, id) => ctx.store.scoped(id, "event", call.account)],
];

function match(method: string, segments: string[]): { handler: Handler; ids: [string, string] } | undefined {
  for (const [routeMethod, pattern, handler] of ROUTES) {
    if (routeMethod !== method) continue;
    const parts = pattern.split("/");
    if (parts.length !== segments.length) continue;
    const ids: [string, string] = ["", ""];
    const matches = parts.every((part, index) => {
      const segment = segments[index] ?? "";
      if (part === ":id" || part === ":sub") {
        ids[part === ":id" ? 0 : 1] = segment;
        return segment !== "";
      }
      return part === segment;
    });
    if (matches) return { handler, ids };
  }
  return undefined;
}

const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

function json(status: number, body: string, extra: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: {
      "content-type": "application/json",
      "request-id": `req_${randomBase62(14)}`,
      "stripe-version": SIMULATED_API_VERSION,
      ...extra,
    },
  });
}

function apiKey(request: Request): string {
  const header = request.headers.get("authorization");
  if (!header) {
    throw authenticationError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  const [scheme = "", credentials = ""] = header.split(" ");
  const key = scheme.toLowerCase() === "basic" ? (Buffer.from(credentials, "base64").toString("utf8").split(":")[0] ?? "") : credentials;
  if (scheme.toLowerCase() !== "bearer" && scheme.toLowerCase() !== "basic") throw authenticationError("Invalid authorization header.");
  if (!/^(sk|rk)_test_\w+$/.test(key))
    throw authenticationError(`Invalid API Key provided: ${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`);
  return key;
}

function scope(ctx: SimContext, request: Request, key: string): string | null {
  const account = request.headers.get("stripe-account");
  if (!account) return null;
  if (!ctx.store.get(account, "account")) {
    throw invalidRequest(
      `The provided key '${key.slice(0, 8)}***' does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
      { code: "account_invalid", status: 403 },
    );
  }
  return account;
}

interface ApiOutcome {
  response: Response;
  /** True when state may have changed. */
  mutated: boolean;
}

export async function handleApi(ctx: SimContext, request: Request, url: URL, wallNow: () => number): Promise<ApiOutcome> {
  const method = request.method.toUpperCase();
  const segments = url.pathname
    .replace(/^\/v1\/?/, "")
    .split("/")
    .filter(Boolean);
  try {
    const key = apiKey(request);
    const account = scope(ctx, request, key);
    const params: Params = method === "POST" ? parseForm(await request.text()) : parseForm(url.search.slice(1));
    const route = match(method, segments);
    if (!route) {
      throw invalidRequest(
        `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        { status: 404 },
      );
    }
    const headerKey = request.headers.get("idempotency-key");
    const idempotencyKey = method === "POST" && headerKey ? `${account ?? "platform"}:${headerKey}` : null;
    const fingerprint = JSON.stringify([method, url.pathname, params]);
    if (idempotencyKey) {
      const stored = ctx.store.state.idempotency[idempotencyKey];
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          throw new SimulatorError(400, {
            type: "idempotency_error",
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${headerKey}' if you meant to execute a different request.`,
          });
        }
        return { response: json(stored.status, stored.body, { "idempotent-replayed": "true" }), mutated: false };
      }
    }
    const call: ApiCall = { params, account };
    const result = route.handler(ctx, call, ...route.ids);
    const body = JSON.stringify(expand(present(result as Record<string, unknown>, ctx.unix()), expandParam(params), ctx.store, ctx.unix()));
    remember(ctx, idempotencyKey, fingerprint, body, wallNow);
    return { response: json(200, body), mutated: method !== "GET" };
  } catch (error) {
    if (!(error instanceof SimulatorError)) {
      const body = JSON.stringify({
        error: { type: "api_error", message: `Simulator error: ${error instanceof Error ? error.message : String(error)}` },
      });
      // A half-applied call must not run twice: tell the SDK not to retry.
      return { response: json(500, body, { "stripe-should-retry": "false" }), mutated: true };
    }
    // Like Stripe for requests refused by validation, no result is kept: a retry runs again.
    return { response: json(error.status, JSON.stringify(error.toJSON())), mutated: false };
  }
}

function remember(ctx: SimContext, key: string | null, fingerprint: string, body: string, wallNow: () => number): void {
  if (!key) return;
  const now = wallNow();
  const entries = ctx.store.state.idempotency;
  for (const [stored, entry] of Object.entries(entries)) if (now - entry.storedAt > IDEMPOTENCY_TTL_MS) delete entries[stored];
  entries[key] = { fingerprint, status: 200, body, storedAt: now };
}
