// The simulator's whole state: every API object by id, plus the few facts Stripe keeps about them
// that are not in their JSON (who owns an object, which payout paid out a balance transaction...).
// One plain JSON-able value, so persistence is a single write.
import { noSuch } from "./errors.js";
import type { CheckoutPlan, ObjectName, ObjectOf, StripeObject } from "./types.js";

export interface AccountLinkState {
  account: string;
  refreshUrl: string;
  returnUrl: string;
  expiresAt: number;
  used: boolean;
}

export interface IdempotencyEntry {
  fingerprint: string;
  status: number;
  body: string;
  storedAt: number;
}

export interface SimState {
  version: 1;
  clockOffsetMs: number;
  /** Simulator time up to which advanceTo has run availability and payouts. */
  processedThroughMs: number;
  objects: Record<string, StripeObject>;
  /** Objects that live on a connected account (absent: the platform's). */
  owners: Record<string, string>;
  /** Balance transaction id → the automatic payout that paid it out. */
  paidOutBy: Record<string, string>;
  eventIds: string[];
  checkoutPlans: Record<string, CheckoutPlan>;
  accountLinks: Record<string, AccountLinkState>;
  /** Account id → failure_code its payouts fail with. */
  payoutFailures: Record<string, string>;
  idempotency: Record<string, IdempotencyEntry>;
}

export function emptyState(nowMs: number): SimState {
  return {
    version: 1,
    clockOffsetMs: 0,
    processedThroughMs: nowMs,
    objects: {},
    owners: {},
    paidOutBy: {},
    eventIds: [],
    checkoutPlans: {},
    accountLinks: {},
    payoutFailures: {},
    idempotency: {},
  };
}

/** Human names for 404 messages, as Stripe words them ("No such payout: 'po_1'"). */
const NOUNS: Record<ObjectName, string> = {
  account: "account",
  "checkout.session": "checkout.session",
  payment_intent: "payment_intent",
  charge: "charge",
  balance_transaction: "balance transaction",
  application_fee: "application fee",
  fee_refund: "fee refund",
  transfer: "transfer",
  transfer_reversal: "transfer reversal",
  refund: "refund",
  dispute: "dispute",
  payout: "payout",
  event: "event",
};

export class Store {
  /** Ids of each kind in creation order, so that a scan of payouts does not walk every event. */
  private readonly byKind = new Map<ObjectName, string[]>();

  constructor(readonly state: SimState) {
    for (const object of Object.values(state.objects)) this.kindIds(object.object).push(object.id);
  }

  private kindIds(name: ObjectName): string[] {
    let ids = this.byKind.get(name);
    if (!ids) {
      ids = [];
      this.byKind.set(name, ids);
    }
    return ids;
  }

  get<N extends ObjectName>(id: string, name: N): ObjectOf<N> | undefined {
    const found = Object.hasOwn(this.state.objects, id) ? this.state.objects[id] : undefined;
    return found?.object === name ? (found as ObjectOf<N>) : undefined;
  }

  /** Any stored object, for expansion. */
  find(id: string): StripeObject | undefined {
    return Object.hasOwn(this.state.objects, id) ? this.state.objects[id] : undefined;
  }

  /** The object as seen by a caller scoped to `scope` (null: the platform); Stripe's 404 otherwise. */
  scoped<N extends ObjectName>(id: string, name: N, scope: string | null, param = "id"): ObjectOf<N> {
    const found = this.get(id, name);
    if (!found || this.ownerOf(id) !== scope) throw noSuch(NOUNS[name], id, param);
    return found;
  }

  require<N extends ObjectName>(id: string, name: N): ObjectOf<N> {
    const found = this.get(id, name);
    if (!found) throw noSuch(NOUNS[name], id);
    return found;
  }

  put<T extends StripeObject>(object: T, owner: string | null = null): T {
    if (!Object.hasOwn(this.state.objects, object.id)) this.kindIds(object.object).push(object.id);
    this.state.objects[object.id] = object;
    if (owner) this.state.owners[object.id] = owner;
    return object;
  }

  ownerOf(id: string): string | null {
    return this.state.owners[id] ?? null;
  }

  /** Objects of one kind in creation order, optionally only those of one owner (null: the platform). */
  all<N extends ObjectName>(name: N, owner?: string | null): ObjectOf<N>[] {
    const out: ObjectOf<N>[] = [];
    for (const id of this.byKind.get(name) ?? []) {
      if (owner !== undefined && this.ownerOf(id) !== owner) continue;
      out.push(this.state.objects[id] as ObjectOf<N>);
    }
    return out;
  }
}
