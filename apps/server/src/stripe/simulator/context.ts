// What every resource handler gets: the state, the simulator clock, and a way to emit events.
import type { Store } from "./store.js";
import type { Balance, SimEvent, StripeObject } from "./types.js";

export interface EmitOptions {
  /** The connected account the event belongs to; such events go to the Connect endpoint. */
  account?: string | null;
  previous?: Record<string, unknown>;
}

export interface SimContext {
  readonly store: Store;
  /** Simulator time in ms. */
  now(): number;
  /** Simulator time in unix seconds, for `created` and friends. */
  unix(): number;
  emit(type: string, object: StripeObject | Balance, options?: EmitOptions): SimEvent;
  /** Base URL of the hosted pages. */
  publicUrl(): string;
  /** The platform's delay before charges become available, in days. */
  readonly payoutDelayDays: number;
}

/** The parsed API call a resource handler answers. */
export interface ApiCall {
  params: Record<string, unknown>;
  /** The Stripe-Account header: calls on a connected account; null for the platform. */
  account: string | null;
}
