// The visitor's choice kept in localStorage, and every consent event posted to the ledger: answered
// events leave the outbox, refused ones are reported, and the others are retried here and then again
// on the next page.

const STORE_KEY = `mc-consent:${tenant}`;
const RETRY_MS = [1000, 4000, 15000];
const MAX_RETRY_AFTER_MS = 60000;
/** Events not yet answered are re-sent on a later page, unless older than this. */
const OUTBOX_MAX_AGE_MS = 30 * 86400000;

// One JSON value per tenant { subjectId, choice, outbox }; memory when storage is off.
let memory = {};
function load() {
  try {
    const value = JSON.parse(localStorage.getItem(STORE_KEY) || "{}");
    return value && typeof value === "object" ? value : {};
  } catch {
    return memory;
  }
}
function store(state) {
  memory = state;
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(state));
  } catch {
    // Storage full or blocked: the choice lasts for this page only.
  }
}

// Crockford's base 32: no I, L, O or U, so an id read out over the phone is unambiguous.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
function randomId(length) {
  let id = "";
  for (const byte of crypto.getRandomValues(new Uint8Array(length))) id += ALPHABET[byte & 31];
  return id;
}

function settle(consentId) {
  const state = load();
  if (!Array.isArray(state.outbox)) return;
  state.outbox = state.outbox.filter((event) => event.consentId !== consentId);
  store(state);
}

function send(event, attempt) {
  const retry = (status, error, waitMs) => {
    if (attempt < RETRY_MS.length) {
      setTimeout(() => send(event, attempt + 1), waitMs || RETRY_MS[attempt] * (0.8 + Math.random() * 0.4));
    } else {
      // Kept in the outbox: the next page sends it again.
      emit("mc:consent-error", { consentId: event.consentId, status, error });
    }
  };
  fetch(`${base}api/public/consent`, {
    method: "POST",
    keepalive: true,
    credentials: "omit",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify(event),
  }).then(
    (response) =>
      response
        .json()
        .catch(() => null)
        .then((body) => {
          const status = response.status;
          const error = (body && body.error) || { code: "HTTP_ERROR", message: `HTTP ${status}` };
          if (response.ok) {
            settle(event.consentId);
            emit("mc:consent-recorded", Object.assign({ consentId: event.consentId }, body));
          } else if (status === 429 || status >= 500) {
            const seconds = Number(response.headers.get("retry-after"));
            retry(status, error, status === 429 && seconds > 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : 0);
          } else {
            // The ledger refused the event itself: sending it again cannot help.
            settle(event.consentId);
            warn(`the consent ledger refused the event (${status}): ${error.message}`);
            emit("mc:consent-error", { consentId: event.consentId, status, error });
          }
        }),
    () => retry(0, { code: "NETWORK_ERROR", message: "The consent ledger could not be reached" }),
  );
}

function resendOutbox() {
  const outbox = load().outbox;
  if (!Array.isArray(outbox)) return;
  for (const event of outbox) {
    if (Date.now() - Date.parse(event.occurredAt) < OUTBOX_MAX_AGE_MS) send(event, 0);
    else settle(event.consentId);
  }
}
