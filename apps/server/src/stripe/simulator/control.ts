// /_simulator/...: the control methods over HTTP with JSON bodies, for the demo seed, a person
// with curl, or a test driving a simulator in another process. Local use only: no auth.
import { SimulatorError } from "./errors.js";
import type { StripeSimulator } from "./index.js";

type Body = Record<string, unknown>;

function reply(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value ?? { ok: true }), { status, headers: { "content-type": "application/json" } });
}

function field<T>(body: Body, name: string, check: (value: unknown) => value is T, what: string): T {
  const value = body[name];
  if (!check(value)) throw new TypeError(`${name} must be ${what}`);
  return value;
}

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isString = (value: unknown): value is string => typeof value === "string";
const isOptionalNumber = (value: unknown): value is number | undefined => value === undefined || isNumber(value);
const isOptionalString = (value: unknown): value is string | undefined => value === undefined || isString(value);
const isStringOrNull = (value: unknown): value is string | null => value === null || isString(value);
const isOutcome = (value: unknown): value is "won" | "lost" => value === "won" || value === "lost";

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

/** Copies the listed fields of `body` that pass `check`; a present field that fails it is an error. */
function pick<T>(body: Body, checks: Record<string, (value: unknown) => boolean>): T {
  const out: Record<string, unknown> = {};
  for (const [name, check] of Object.entries(checks)) {
    if (body[name] === undefined) continue;
    if (!check(body[name])) throw new TypeError(`invalid ${name}`);
    out[name] = body[name];
  }
  return out as T;
}

const isBoolean = (value: unknown): value is boolean => typeof value === "boolean";
const isNumberOrNull = (value: unknown): value is number | null => value === null || isNumber(value);
const isEndpoint = (value: unknown): boolean =>
  typeof value === "object" && value !== null && isString((value as Body).url) && isString((value as Body).secret);

const REQUIREMENT_FIELDS = {
  currently_due: isStringArray,
  past_due: isStringArray,
  eventually_due: isStringArray,
  current_deadline: isNumberOrNull,
  disabled_reason: isStringOrNull,
  charges_enabled: isBoolean,
  payouts_enabled: isBoolean,
};
const DELIVERY_FIELDS = {
  duplicateRate: isNumber,
  maxDelayMs: isNumber,
  shuffle: isBoolean,
  seed: isNumber,
  retries: isNumber,
  retryDelayMs: isNumber,
};

const NOT_FOUND = Symbol("not found");

/** The call's result (undefined for the void ones), or NOT_FOUND. */
async function route(sim: StripeSimulator, method: string, path: string, body: Body): Promise<unknown> {
  const [first, id, action] = path.split("/");
  const key = `${method} ${first}${action ? `/:id/${action}` : id ? `/${id}` : ""}`;
  switch (key) {
    case "GET events":
      return sim.events();
    case "GET clock":
      return { now: sim.clock(), iso: new Date(sim.clock()).toISOString() };
    case "POST clock":
      sim.setClock(field(body, "ms", isNumber, "a time in ms"));
      return { now: sim.clock() };
    case "POST advance": {
      const days = field(body, "days", isOptionalNumber, "a number of days");
      await sim.advanceTo(days !== undefined ? sim.clock() + days * 86_400_000 : field(body, "ms", isNumber, "a time in ms"));
      return { now: sim.clock() };
    }
    case "POST payouts/run":
      return sim.runPayouts();
    case "POST webhooks/flush":
      return sim.flushWebhooks();
    case "POST webhooks/endpoints":
      return sim.setWebhookEndpoints(pick(body, { platform: isEndpoint, connect: isEndpoint }));
    case "POST webhooks/delivery":
      return sim.setDeliveryOptions(pick(body, DELIVERY_FIELDS));
  }
  if (!id) return NOT_FOUND;
  switch (`${method} ${first}/:id/${action}`) {
    case "POST checkout_sessions/:id/complete":
      return sim.completeCheckoutSession(id, { ...(isString(body.card) ? { card: body.card } : {}) });
    case "POST accounts/:id/complete_onboarding":
      return sim.completeOnboarding(id);
    case "POST accounts/:id/requirements":
      return sim.setRequirements(id, pick(body, REQUIREMENT_FIELDS));
    case "POST accounts/:id/payout_failures":
      return sim.failNextPayouts(id, field(body, "failure_code", isStringOrNull, "a failure code or null"));
    case "POST accounts/:id/adjustments":
      return sim.addAdjustment(
        id,
        field(body, "amount", isNumber, "an integer amount"),
        field(body, "currency", isString, "a currency"),
        field(body, "description", isString, "a description"),
      );
    case "POST charges/:id/disputes": {
      const amount = field(body, "amount", isOptionalNumber, "an integer amount");
      const reason = field(body, "reason", isOptionalString, "a dispute reason");
      return sim.createDispute(id, { ...(amount !== undefined ? { amount } : {}), ...(reason !== undefined ? { reason } : {}) });
    }
    case "POST disputes/:id/close":
      return sim.closeDispute(id, field(body, "outcome", isOutcome, `"won" or "lost"`));
  }
  return NOT_FOUND;
}

export async function handleControl(sim: StripeSimulator, request: Request, path: string): Promise<Response> {
  try {
    const text = request.method === "POST" ? await request.text() : "";
    const body = text ? (JSON.parse(text) as Body) : {};
    if (body === null || typeof body !== "object" || Array.isArray(body)) throw new TypeError("the body must be a JSON object");
    const result = await route(sim, request.method, path, body);
    if (result === NOT_FOUND)
      return reply(404, {
        error: { type: "invalid_request_error", message: `Unknown control call ${request.method} /_simulator/${path}` },
      });
    return reply(200, result);
  } catch (error) {
    if (error instanceof SimulatorError) return reply(error.status, error.toJSON());
    const message = error instanceof Error ? error.message : String(error);
    return reply(400, { error: { type: "invalid_request_error", message } });
  }
}
