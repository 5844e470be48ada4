// Errors in Stripe's shape. The SDK picks its error class from the HTTP status (400/404 invalid
// request, 401 authentication, 402 card, 403 permission) and `type` (idempotency_error).

export type StripeErrorType = "invalid_request_error" | "authentication_error" | "card_error" | "idempotency_error" | "api_error";

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
}

export class SimulatorError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
    this.name = "SimulatorError";
  }

  toJSON(): { error: StripeErrorBody } {
    return { error: this.body };
  }
}

function withDocUrl(body: StripeErrorBody): StripeErrorBody {
  return body.code ? { ...body, doc_url: `https://stripe.com/docs/error-codes/${body.code.replaceAll("_", "-")}` } : body;
}

export function invalidRequest(message: string, extra: { param?: string; code?: string; status?: number } = {}): SimulatorError {
  const { status = 400, ...rest } = extra;
  return new SimulatorError(status, withDocUrl({ type: "invalid_request_error", message, ...rest }));
}

/** Stripe's 404 for an id that does not exist in the caller's scope. */
export function noSuch(what: string, id: string, param = "id"): SimulatorError {
  return invalidRequest(`No such ${what}: '${id}'`, { code: "resource_missing", param, status: 404 });
}

export function cardError(message: string, code: string, declineCode?: string): SimulatorError {
  return new SimulatorError(402, withDocUrl({ type: "card_error", message, code, ...(declineCode ? { decline_code: declineCode } : {}) }));
}

export function authenticationError(message: string): SimulatorError {
  return new SimulatorError(401, { type: "authentication_error", message });
}
