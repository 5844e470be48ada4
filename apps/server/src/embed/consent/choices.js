// The policy in force and the visitor's choice: a decision for each of its purposes, whether a stored
// choice still answers it, and recording a new choice (stored, announced to the page, sent).

let policy = null;
let purposes = [];
let current = null;
let reprompt = false;
const necessary = (purpose) => purpose.category === "strictly_necessary";

/** Puts the policy loaded by start.js in force, with only the purposes whose key is well-formed. */
function adoptPolicy(loaded) {
  purposes = loaded.purposes.filter((purpose) => purpose && /^[a-z][a-z0-9_]{1,39}$/.test(purpose.key));
  policy = loaded;
}

/** A decision for every purpose of the policy: necessary ones acknowledged, the others as `grant` says. */
function decisions(grant) {
  const result = {};
  for (const purpose of purposes) result[purpose.key] = necessary(purpose) ? "acknowledged" : grant(purpose) ? "granted" : "denied";
  return result;
}

function versionParts(version) {
  const parts = String(version).split(".");
  return [Number(parts[0]) || 0, Number(parts[1]) || 0];
}
function olderVersion(a, b) {
  const [aMajor, aMinor] = versionParts(a);
  const [bMajor, bMinor] = versionParts(b);
  return aMajor < bMajor || (aMajor === bMajor && aMinor < bMinor);
}

/**
 * The stored choice if it still answers the policy in force: it names exactly its purposes and is
 * not older than the latest material version. `reprompt` says a stale choice was found.
 */
function validStoredChoice() {
  const choice = load().choice;
  if (!choice || typeof choice !== "object" || !choice.purposes || typeof choice.at !== "string") return null;
  const keys = (list) => list.sort().join(" ");
  const since = policy.reconsent && Date.parse(policy.reconsent.since);
  const stale =
    keys(Object.keys(choice.purposes)) !== keys(purposes.map((purpose) => purpose.key)) ||
    (since && since > Date.parse(choice.at)) ||
    (policy.reconsentSince && olderVersion(choice.policyVersion, policy.reconsentSince));
  reprompt = Boolean(stale);
  return stale ? null : choice;
}

const copy = (value) => JSON.parse(JSON.stringify(value));

function announce(choice) {
  emit("mc:consent", {
    purposes: copy(choice.purposes),
    action: choice.action,
    consentId: choice.consentId,
    policyVersion: choice.policyVersion,
  });
}

/** Records a choice: stored, announced to the page, and posted to the ledger. */
function choose(action, chosen) {
  const state = load();
  const at = new Date().toISOString();
  if (typeof state.subjectId !== "string" || !/^[!-~]{1,128}$/.test(state.subjectId)) state.subjectId = `dev_${randomId(24)}`;
  current = { purposes: chosen, action, consentId: `c_${randomId(12)}`, policyVersion: policy.version, at };
  const event = {
    subjectId: state.subjectId,
    consentId: current.consentId,
    policy: { kind: "privacy", version: policy.version },
    bannerVersion,
    action,
    occurredAt: at,
    purposes: chosen,
    language: lang,
    path: location.pathname.slice(0, 2048) || "/",
    gpc: gpcSignal,
  };
  state.choice = current;
  state.outbox = (Array.isArray(state.outbox) ? state.outbox : []).concat([event]).slice(-20);
  store(state);
  reprompt = false;
  closeBanner();
  showSettingsButton();
  announce(current);
  send(event, 0);
}

/** Every opt-in purpose denied; the others keep their decision (they do not rest on consent). */
function withdrawal() {
  return decisions((purpose) => !purpose.optIn && (!current || current.purposes[purpose.key] === "granted"));
}
