// The Stripe objects the simulator keeps, in the API's JSON shape (only the fields we produce).
// They are stored exactly as they are served, so persistence and responses need no mapping.

export type Metadata = Record<string, string>;

export interface ApiList<T> {
  object: "list";
  data: T[];
  has_more: boolean;
  url: string;
}

export type PayoutInterval = "daily" | "weekly" | "monthly" | "manual";

export interface PayoutSchedule {
  interval: PayoutInterval;
  delay_days: number;
  weekly_anchor?: string;
  monthly_anchor?: number;
}

export interface Requirements {
  currently_due: string[];
  eventually_due: string[];
  past_due: string[];
  pending_verification: string[];
  errors: unknown[];
  current_deadline: number | null;
  disabled_reason: string | null;
}

export interface BankAccount {
  id: string;
  object: "bank_account";
  account: string;
  account_holder_name: string | null;
  account_holder_type: "individual";
  bank_name: string;
  country: string;
  currency: string;
  default_for_currency: boolean;
  fingerprint: string;
  last4: string;
  status: "new";
}

export interface Account {
  id: string;
  object: "account";
  type: string;
  country: string;
  email: string | null;
  default_currency: string;
  created: number;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  business_type: string | null;
  business_profile: Record<string, unknown>;
  capabilities: Record<string, "active" | "inactive" | "pending">;
  requirements: Requirements;
  settings: { payouts: { schedule: PayoutSchedule; debit_negative_balances: boolean; statement_descriptor: string | null } };
  external_accounts: ApiList<BankAccount>;
  metadata: Metadata;
  livemode: false;
}

export interface CheckoutSession {
  id: string;
  object: "checkout.session";
  mode: "payment";
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  url: string | null;
  payment_intent: string | null;
  metadata: Metadata;
  client_reference_id: string | null;
  customer_email: string | null;
  locale: string | null;
  success_url: string;
  cancel_url: string | null;
  created: number;
  expires_at: number;
  livemode: false;
}

/** What a session will charge once paid; Stripe keeps this on the session, not in its JSON. */
export interface CheckoutPlan {
  lineItems: { name: string; unitAmount: number; quantity: number }[];
  applicationFeeAmount: number | null;
  destination: string | null;
  paymentMetadata: Metadata;
}

export interface PaymentIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_received: number;
  currency: string;
  status: "succeeded";
  application_fee_amount: number | null;
  transfer_data: { destination: string } | null;
  latest_charge: string;
  metadata: Metadata;
  payment_method_types: string[];
  created: number;
  livemode: false;
}

export interface Charge {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  paid: boolean;
  refunded: boolean;
  disputed: boolean;
  status: "succeeded";
  currency: string;
  created: number;
  payment_intent: string | null;
  application_fee: string | null;
  application_fee_amount: number | null;
  transfer: string | null;
  transfer_data: { destination: string } | null;
  source_transfer: string | null;
  balance_transaction: string;
  payment_method_details: { type: "card"; card: { brand: string; last4: string } } | null;
  failure_code: null;
  failure_message: null;
  metadata: Metadata;
  refunds: ApiList<Refund>;
  livemode: false;
}

export interface FeeDetail {
  type: string;
  amount: number;
  currency: string;
  description: string | null;
  application: string | null;
}

export interface BalanceTransaction {
  id: string;
  object: "balance_transaction";
  amount: number;
  fee: number;
  net: number;
  fee_details: FeeDetail[];
  currency: string;
  created: number;
  available_on: number;
  status: "pending" | "available";
  type: string;
  reporting_category: string;
  source: string | null;
  description: string | null;
  exchange_rate: null;
  balance_type: "payments";
}

export interface FeeRefund {
  id: string;
  object: "fee_refund";
  amount: number;
  currency: string;
  fee: string;
  /** The platform's `application_fee_refund` transaction (null in state saved by older simulators). */
  balance_transaction: string | null;
  metadata: Metadata;
  created: number;
}

export interface ApplicationFee {
  id: string;
  object: "application_fee";
  account: string;
  amount: number;
  amount_refunded: number;
  refunded: boolean;
  application: string;
  /** The platform's `application_fee` transaction (null in state saved by older simulators). */
  balance_transaction: string | null;
  charge: string;
  currency: string;
  originating_transaction: string | null;
  refunds: ApiList<FeeRefund>;
  created: number;
  livemode: false;
}

export interface TransferReversal {
  id: string;
  object: "transfer_reversal";
  amount: number;
  currency: string;
  transfer: string;
  destination_payment_refund: string;
  source_refund: string | null;
  balance_transaction: string;
  metadata: Metadata;
  created: number;
}

export interface Transfer {
  id: string;
  object: "transfer";
  amount: number;
  amount_reversed: number;
  reversed: boolean;
  currency: string;
  destination: string;
  destination_payment: string;
  source_transaction: string | null;
  source_type: "card";
  transfer_group: string | null;
  balance_transaction: string;
  description: string | null;
  metadata: Metadata;
  reversals: ApiList<TransferReversal>;
  created: number;
  livemode: false;
}

export interface Refund {
  id: string;
  object: "refund";
  amount: number;
  charge: string;
  payment_intent: string | null;
  currency: string;
  reason: string | null;
  status: "succeeded";
  balance_transaction: string;
  transfer_reversal: string | null;
  metadata: Metadata;
  created: number;
}

export interface Dispute {
  id: string;
  object: "dispute";
  amount: number;
  charge: string;
  payment_intent: string | null;
  currency: string;
  reason: string;
  status: "needs_response" | "won" | "lost";
  is_charge_refundable: boolean;
  balance_transactions: BalanceTransaction[];
  metadata: Metadata;
  created: number;
  livemode: false;
}

export type PayoutStatus = "pending" | "in_transit" | "paid" | "failed" | "canceled";

export interface Payout {
  id: string;
  object: "payout";
  amount: number;
  currency: string;
  arrival_date: number;
  automatic: boolean;
  balance_transaction: string;
  created: number;
  description: string | null;
  destination: string | null;
  failure_balance_transaction: string | null;
  failure_code: string | null;
  failure_message: string | null;
  metadata: Metadata;
  method: "standard";
  source_type: "card";
  statement_descriptor: string | null;
  status: PayoutStatus;
  type: "bank_account";
  livemode: false;
}

export interface Balance {
  object: "balance";
  available: { amount: number; currency: string; source_types: { card: number } }[];
  pending: { amount: number; currency: string; source_types: { card: number } }[];
  livemode: false;
}

export interface SimEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  type: string;
  account?: string;
}

export interface AccountLink {
  object: "account_link";
  url: string;
  created: number;
  expires_at: number;
}

export type StripeObject =
  | Account
  | CheckoutSession
  | PaymentIntent
  | Charge
  | BalanceTransaction
  | ApplicationFee
  | FeeRefund
  | Transfer
  | TransferReversal
  | Refund
  | Dispute
  | Payout
  | SimEvent;

export type ObjectName = StripeObject["object"];
export type ObjectOf<N extends ObjectName> = Extract<StripeObject, { object: N }>;

export interface WebhookEndpoint {
  url: string;
  secret: string;
}

export type WebhookTarget = "platform" | "connect";
