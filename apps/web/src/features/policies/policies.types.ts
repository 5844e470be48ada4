/** What the policy and addendum procedures answer, as the pages use it. */
import { POLICY_KINDS, type PolicyKind } from "@pc/shared";
import type { RouterOutputs } from "../../lib/trpc";

export type PolicyDocument = RouterOutputs["policies"]["documents"][number];
export type PolicyVersionSummary = RouterOutputs["policies"]["versions"][number];
export type PolicyVersionView = RouterOutputs["policies"]["version"];
export type PolicyDraftState = RouterOutputs["policies"]["draft"];
export type OpenPolicyVersion = NonNullable<PolicyDraftState["draft"]>;
export type PolicyComparison = RouterOutputs["policies"]["compare"];
export type PolicyVersionStatus = PolicyVersionSummary["status"];

export type AddendumState = RouterOutputs["addenda"]["get"];
export type AddendumVersion = NonNullable<AddendumState["open"]>;
export type PendingAddendum = RouterOutputs["addenda"]["pending"][number];
export type RenderedPolicy = RouterOutputs["addenda"]["rendered"];

export interface Person {
  name: string;
  email: string;
}

export function isPolicyKind(value: string | undefined | null): value is PolicyKind {
  return (POLICY_KINDS as readonly (string | undefined | null)[]).includes(value);
}
