// The rules a consent event must meet against the policy version it names: the decisions must
// answer exactly the purposes that version asked about, in the way each purpose can be answered.
// The server answers 422 with these problems (the event is well formed, but not for that policy).

import type { PolicyKind, PolicyPurpose } from "../policies/purposes.js";
import type { ConsentEvent, ConsentProblem } from "./wire.js";

/**
 * What is wrong with an event's decisions for the purposes of the version it names, in the order
 * of that version's purposes, then unknown keys in the event's order. Empty when nothing is.
 *
 * - every purpose of the version has a decision, and no other key does;
 * - a strictly necessary purpose is "acknowledged" (it cannot be refused), any other is
 *   "granted" or "denied";
 * - accept_all grants every purpose that can be refused, reject_all denies every one: a record
 *   that says "accept all" next to a denial would be evidence of nothing.
 */
export function checkEventAgainstPolicy(
  event: Pick<ConsentEvent, "purposes" | "action" | "policy">,
  purposes: readonly PolicyPurpose[],
): ConsentProblem[] {
  const problems: ConsentProblem[] = [];
  const version = `${event.policy.kind} ${event.policy.version}`;
  const defined = new Set(purposes.map((purpose) => purpose.key));
  for (const purpose of purposes) {
    const path = `purposes.${purpose.key}`;
    const decision = Object.hasOwn(event.purposes, purpose.key) ? event.purposes[purpose.key] : undefined;
    if (decision === undefined) {
      problems.push({ path, message: `${path} is missing: ${version} asks about ${purpose.key}` });
    } else if (purpose.category === "strictly_necessary") {
      if (decision !== "acknowledged") {
        problems.push({ path, message: `${path} must be "acknowledged": ${purpose.key} is strictly necessary and cannot be refused` });
      }
    } else if (decision === "acknowledged") {
      problems.push({ path, message: `${path} must be "granted" or "denied": only strictly necessary purposes are acknowledged` });
    } else if (event.action === "accept_all" && decision !== "granted") {
      problems.push({ path, message: `${path} must be "granted" when action is "accept_all"` });
    } else if (event.action === "reject_all" && decision !== "denied") {
      problems.push({ path, message: `${path} must be "denied" when action is "reject_all"` });
    }
  }
  for (const key of Object.keys(event.purposes)) {
    if (!defined.has(key)) {
      problems.push({ path: `purposes.${key}`, message: `purposes.${key} is not a purpose of ${version}` });
    }
  }
  return problems;
}

/**
 * The policy problems of a whole batch, each path starting with the event's index
 * ("events[3].purposes.tidio"). `purposesOf` answers the purposes of a version published for this
 * tenant, or undefined for a version that never was (also a 422).
 */
export function checkBatchAgainstPolicies(
  events: readonly Pick<ConsentEvent, "purposes" | "action" | "policy">[],
  purposesOf: (policy: { kind: PolicyKind; version: string }) => readonly PolicyPurpose[] | undefined,
): ConsentProblem[] {
  return events.flatMap((event, index) => {
    const purposes = purposesOf(event.policy);
    if (purposes === undefined) {
      return [
        {
          path: `events[${index}].policy.version`,
          message: `policy.version ${event.policy.version} of the ${event.policy.kind} policy was never published for this storefront`,
        },
      ];
    }
    return checkEventAgainstPolicy(event, purposes).map((problem) => ({ ...problem, path: `events[${index}].${problem.path}` }));
  });
}
