// Event objects as Stripe sends them. The API version is the one the installed SDK pins, so the
// SDK's webhook typings describe what we send.
import { newId } from "./ids.js";
import type { SimEvent } from "./types.js";

export const SIMULATED_API_VERSION = "2026-10-28.endive";

export function buildEvent(input: {
  type: string;
  object: unknown;
  created: number;
  account?: string | null;
  previous?: Record<string, unknown>;
}): SimEvent {
  return {
    id: newId("evt"),
    object: "event",
    api_version: SIMULATED_API_VERSION,
    created: input.created,
    data: { object: input.object, ...(input.previous ? { previous_attributes: input.previous } : {}) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: input.type,
    ...(input.account ? { account: input.account } : {}),
  };
}
