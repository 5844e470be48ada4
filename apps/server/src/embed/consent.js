/*!
 * Masterchannel consent banner for storefronts. Include it once per page:
 *
 *   <script src="https://<console>/embed/consent.js" data-tenant="<slug>" data-key="<publishable key>" async></script>
 *
 * Optional attributes: data-lang ("en" or "nb"; else the page's lang), data-banner-version.
 * Storefront CSP: script-src and connect-src must allow the console's origin; style-src needs
 * 'unsafe-inline' (the banner's styles are one <style> element).
 *
 * API: window.MasterchannelConsent
 *   .open()      opens the privacy settings (so does any element with data-mc-consent-settings)
 *   .get()       the visitor's current choice { purposes, action, consentId, policyVersion, at },
 *                or null (none yet, or not loaded yet)
 *   .withdraw()  withdraws consent: every opt-in purpose denied, recorded like any other choice
 * Events on document: "mc:consent" (detail { purposes, action, consentId, policyVersion }) after
 * each choice and once at load when a valid choice is stored; "mc:consent-recorded" (the ledger's
 * answer and the consentId); "mc:consent-error" ({ consentId, status, error }) when an event could
 * not be recorded.
 *
 * Storage: localStorage "mc-consent:<slug>" holds { subjectId, choice, outbox }, written only once
 * the visitor (or their browser's Global Privacy Control signal) has chosen. The banner asks again
 * when the stored choice names other purposes than the policy in force, or predates its re-consent
 * requirement (reconsent.since) or its latest material version (reconsentSince).
 *
 * Plain ES2019 without a build step: served as is by apps/server/src/embed/embed.routes.ts.
 */
// biome-ignore-all lint/complexity/useOptionalChain: ES2019 has no optional chaining, and storefront visitors' browsers may be old.
// biome-ignore-all lint/suspicious/noRedundantUseStrict: a classic script, not a module (biome reads .js under "type": "module" as one).
(() => {
  "use strict";
  if (window.MasterchannelConsent) return;

  // Only available while the script first runs, so read everything from it now.
  const script = document.currentScript;
  const attr = (name) => (script && script.getAttribute(`data-${name}`)) || "";
  const warn = (message) => console.warn(`Masterchannel consent: ${message}`);
  const tenant = attr("tenant");
  const key = attr("key");
  if (!script || !script.src || !/^[a-z0-9-]{1,63}$/.test(tenant) || !/^[!-~]{1,200}$/.test(key)) {
    warn("the script needs a src, data-tenant (the storefront's slug) and data-key (its publishable key)");
    return;
  }
  // The console's base URL (path prefix included): the directory above /embed/.
  const base = new URL("../", script.src).href;
  const bannerVersion = /^[!-~]{1,32}$/.test(attr("banner-version")) ? attr("banner-version") : "1";
  const lang = /^(nb|no|nn)\b/i.test(attr("lang") || document.documentElement.lang || "") ? "nb" : "en";
  const gpcSignal = navigator.globalPrivacyControl === true;
  const STORE_KEY = `mc-consent:${tenant}`;
  const RETRY_MS = [1000, 4000, 15000];
  const MAX_RETRY_AFTER_MS = 60000;
  /** Events not yet answered are re-sent on a later page, unless older than this. */
  const OUTBOX_MAX_AGE_MS = 30 * 86400000;

  const STRINGS = {
    en: {
      title: "We value your privacy",
      text: "{name} uses cookies and similar technologies. Some are needed for the shop to work; others, such as {optional}, are used only if you agree. You can change your choice at any time under Privacy settings.",
      textNone: "{name} uses cookies and similar technologies that the shop needs to work.",
      and: "and",
      updated: "We have updated our privacy policy",
      read: "Read the privacy policy",
      accept: "Accept all",
      reject: "Reject all",
      choose: "Choose",
      settings: "Privacy settings",
      settingsText: "Choose what {name} may use. Strictly necessary purposes are always on: the shop cannot work without them.",
      gpc: "Your browser sends a Global Privacy Control signal, so optional purposes stay off unless you turn them on.",
      always: "Always on",
      provider: "Provider",
      save: "Save choices",
      withdraw: "Withdraw consent",
      close: "Close",
      consentId: "Your consent ID",
      consentIdHelp: "Quote it if you contact us about your choice. Last changed {at}.",
      saved: "Your choices are saved.",
      withdrawn: "Your consent is withdrawn.",
      strictly_necessary: "Strictly necessary",
      functional: "Functional",
      analytics: "Analytics",
      marketing: "Marketing",
    },
    nb: {
      title: "Vi tar personvernet ditt på alvor",
      text: "{name} bruker informasjonskapsler og lignende teknologi. Noe er nødvendig for at butikken skal virke; annet, som {optional}, brukes bare hvis du samtykker. Du kan når som helst endre valget under Personverninnstillinger.",
      textNone: "{name} bruker informasjonskapsler og lignende teknologi som butikken trenger for å virke.",
      and: "og",
      updated: "Vi har oppdatert personvernerklæringen",
      read: "Les personvernerklæringen",
      accept: "Godta alle",
      reject: "Avvis alle",
      choose: "Velg selv",
      settings: "Personverninnstillinger",
      settingsText: "Velg hva {name} kan bruke. Strengt nødvendige formål er alltid på: butikken virker ikke uten dem.",
      gpc: "Nettleseren din sender et Global Privacy Control-signal, så valgfrie formål er av med mindre du slår dem på.",
      always: "Alltid på",
      provider: "Leverandør",
      save: "Lagre valg",
      withdraw: "Trekk tilbake samtykke",
      close: "Lukk",
      consentId: "Din samtykke-ID",
      consentIdHelp: "Oppgi den hvis du kontakter oss om valget ditt. Sist endret {at}.",
      saved: "Valgene dine er lagret.",
      withdrawn: "Samtykket ditt er trukket tilbake.",
      strictly_necessary: "Strengt nødvendig",
      functional: "Funksjonell",
      analytics: "Statistikk",
      marketing: "Markedsføring",
    },
  };
  const T = STRINGS[lang];
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, name) => values[name]);

  // ---- storage: one JSON value per tenant { subjectId, choice, outbox }; memory when storage is off.
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

  const emit = (name, detail) => document.dispatchEvent(new CustomEvent(name, { detail }));
  const copy = (value) => JSON.parse(JSON.stringify(value));

  // ---- policy and choices
  let policy = null;
  let purposes = [];
  let current = null;
  let reprompt = false;
  let openWhenReady = null;
  const necessary = (purpose) => purpose.category === "strictly_necessary";

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

  // ---- the ledger
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

  // ---- DOM
  function h(tag, props, ...children) {
    const element = document.createElement(tag);
    for (const name of Object.keys(props || {})) {
      const value = props[name];
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") element.textContent = value;
      else if (name === "onclick") element.addEventListener("click", value);
      else element.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) if (child) element.append(child);
    return element;
  }
  const button = (text, kind, onclick, extra) =>
    h("button", Object.assign({ type: "button", class: `mc-btn mc-${kind}`, text, onclick }, extra));

  let root = null;
  let banner = null;
  let settingsButton = null;
  let displayName = tenant;

  const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
  const NEUTRAL = {
    light: { primary: "#1f2328", buttonLabel: "#ffffff", background: "#ffffff", text: "#1f2328" },
    dark: { primary: "#e6edf3", buttonLabel: "#0d1117", background: "#161b22", text: "#e6edf3" },
  };
  function isDark(hex) {
    const full = hex.length === 4 ? hex.replace(/\w/g, "$&$&") : hex;
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(full.slice(i, i + 2), 16));
    return r * 0.299 + g * 0.587 + b * 0.114 < 128;
  }
  /** Custom properties of one theme; a colour that is not plain hex falls back to the neutral one. */
  function themeVars(theme, fallback) {
    const pick = (name) => (theme && HEX.test(theme[name]) ? theme[name] : fallback[name]);
    const background = pick("background");
    const ink = isDark(background) ? "255,255,255" : "0,0,0";
    return (
      `--mc-p:${pick("primary")};--mc-pl:${pick("buttonLabel")};--mc-bg:${background};--mc-fg:${pick("text")};` +
      `--mc-line:rgba(${ink},.14);--mc-tint:rgba(${ink},.05);--mc-off:rgba(${ink},.42);`
    );
  }

  const CSS = `.mc-root{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--mc-fg);-webkit-font-smoothing:antialiased}
.mc-root *,.mc-root *::before,.mc-root *::after{box-sizing:border-box}
.mc-root :where(h2,h3,p,ul,li){margin:0;padding:0;font:inherit;color:inherit;letter-spacing:normal;text-transform:none}
.mc-root :where(button){margin:0;text-transform:none;letter-spacing:normal;box-shadow:none;font-family:inherit}
.mc-root :focus-visible{outline:3px solid var(--mc-fg);outline-offset:2px}
.mc-root [hidden]{display:none!important}
.mc-banner{position:fixed;z-index:2147483000;left:16px;right:16px;bottom:16px;max-width:980px;margin:0 auto;display:flex;flex-wrap:wrap;align-items:center;gap:16px 32px;padding:22px 24px;background:var(--mc-bg);color:var(--mc-fg);border:1px solid var(--mc-line);border-radius:16px;box-shadow:0 16px 48px rgba(0,0,0,.18),0 2px 6px rgba(0,0,0,.08);animation:mc-up .3s ease-out}
.mc-main{flex:1 1 440px}
.mc-title{font-size:18px;font-weight:700;line-height:1.3;margin-bottom:6px}
.mc-text{font-size:14.5px}
.mc-notice{margin:6px 0 10px;padding:10px 14px;font-size:14px;background:var(--mc-tint);border-left:3px solid var(--mc-p);border-radius:8px}
.mc-notice strong{display:block;margin-bottom:2px}
.mc-actions{display:flex;flex-wrap:wrap;gap:8px}
.mc-btn{min-height:42px;min-width:124px;padding:10px 18px;border:1.5px solid var(--mc-p);border-radius:10px;font-size:14.5px;font-weight:600;line-height:1.2;cursor:pointer;transition:filter .15s,background-color .15s}
.mc-btn:hover{filter:brightness(1.12)}
.mc-primary{background:var(--mc-p);color:var(--mc-pl)}
.mc-secondary{background:transparent;color:var(--mc-fg);border-color:var(--mc-line)}
.mc-secondary:hover{background:var(--mc-tint);filter:none}
.mc-quiet{background:transparent;color:var(--mc-fg);border-color:transparent;min-width:0;padding:10px 8px;text-decoration:underline;text-underline-offset:3px}
.mc-link{margin-top:8px;padding:0;background:none;border:0;color:inherit;font-size:14.5px;font-weight:600;text-decoration:underline;text-underline-offset:3px;cursor:pointer}
.mc-overlay{position:fixed;z-index:2147483001;top:0;right:0;bottom:0;left:0;display:flex;align-items:center;justify-content:center;padding:16px;background:rgba(12,14,18,.55);animation:mc-fade .2s}
.mc-modal{display:flex;flex-direction:column;width:100%;max-width:620px;max-height:min(88vh,800px);background:var(--mc-bg);color:var(--mc-fg);border-radius:18px;box-shadow:0 24px 72px rgba(0,0,0,.32);outline:0;animation:mc-up .25s ease-out}
.mc-head{display:flex;align-items:center;gap:16px;padding:20px 20px 8px 24px}
.mc-head .mc-title{flex:1;margin:0;font-size:20px}
.mc-x{flex:none;width:38px;height:38px;border:0;border-radius:50%;background:var(--mc-tint);color:var(--mc-fg);font-size:22px;line-height:1;cursor:pointer}
.mc-body{overflow:auto;padding:4px 24px 20px}
.mc-foot{display:flex;flex-wrap:wrap;align-items:center;gap:8px;padding:14px 24px;border-top:1px solid var(--mc-line)}
.mc-foot .mc-gap{flex:1}
.mc-purposes{list-style:none;margin-top:16px;border:1px solid var(--mc-line);border-radius:12px}
.mc-purpose{padding:14px 16px}
.mc-purpose+.mc-purpose{border-top:1px solid var(--mc-line)}
.mc-row{display:flex;align-items:center;gap:12px}
.mc-name{flex:1;font-weight:650;cursor:pointer}
.mc-tag{display:inline-block;margin-left:8px;padding:1px 8px;border-radius:99px;background:var(--mc-tint);font-size:12px;font-weight:500;vertical-align:1px}
.mc-always{font-size:12.5px;font-weight:600;white-space:nowrap}
.mc-desc{margin-top:6px;font-size:13.5px;opacity:.85}
.mc-vendor{margin-top:4px;font-size:12.5px;opacity:.75}
.mc-switch{-webkit-appearance:none;appearance:none;flex:none;position:relative;width:46px;height:26px;margin:0;border-radius:13px;background:var(--mc-off);cursor:pointer;transition:background-color .15s}
.mc-switch::before{content:"";position:absolute;top:3px;left:3px;width:20px;height:20px;border-radius:50%;background:#fff;box-shadow:0 1px 3px rgba(0,0,0,.3);transition:transform .15s}
.mc-switch:checked{background:var(--mc-p)}
.mc-switch:checked::before{transform:translateX(20px);background:var(--mc-pl)}
.mc-switch:disabled{opacity:.5;cursor:not-allowed}
.mc-gpc,.mc-id{margin-top:14px;padding:10px 14px;border-radius:10px;background:var(--mc-tint);font-size:13.5px}
.mc-id code{font:600 14px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;-webkit-user-select:all;user-select:all}
.mc-policy{font-size:14.5px;line-height:1.6}
.mc-policy h1,.mc-policy h2,.mc-policy h3{font-weight:650;line-height:1.3}.mc-policy h1{font-size:22px;margin:4px 0 12px}.mc-policy h2{font-size:17px;margin:22px 0 8px}.mc-policy h3{font-size:15px;margin:16px 0 6px}
.mc-policy p,.mc-policy ul,.mc-policy ol{margin:0 0 10px}.mc-policy ul,.mc-policy ol{padding-left:22px}.mc-policy a{color:inherit}
.mc-fab{position:fixed;z-index:2147482999;left:16px;bottom:16px;display:flex;align-items:center;gap:8px;padding:9px 14px;border:1px solid var(--mc-line);border-radius:99px;background:var(--mc-bg);color:var(--mc-fg);font-size:13px;font-weight:600;box-shadow:0 4px 16px rgba(0,0,0,.14);cursor:pointer}
.mc-fab::before{content:"";width:10px;height:10px;border-radius:50%;background:var(--mc-p)}
.mc-toast{position:fixed;z-index:2147483000;left:16px;bottom:68px;max-width:360px;padding:10px 14px;border-radius:10px;background:var(--mc-fg);color:var(--mc-bg);font-size:13.5px;box-shadow:0 8px 24px rgba(0,0,0,.2);animation:mc-up .2s ease-out}
.mc-toast:empty{display:none}
.mc-lock{overflow:hidden!important}
@keyframes mc-up{from{opacity:0;transform:translateY(12px)}}
@keyframes mc-fade{from{opacity:0}}
@media (max-width:640px){.mc-banner{left:8px;right:8px;bottom:8px;padding:18px}.mc-actions .mc-btn,.mc-foot .mc-btn{flex:1 1 40%}.mc-foot .mc-gap{display:none}.mc-overlay{padding:8px;align-items:flex-end}.mc-modal{max-height:94vh}}
@media (prefers-reduced-motion:reduce){.mc-root *{animation:none!important;transition:none!important}}`;

  function mount(config) {
    const branding = config && config.branding;
    if (branding && branding.displayName) displayName = branding.displayName;
    else if (config && config.tenant && config.tenant.name) displayName = config.tenant.name;
    const style = h("style", {
      text: `.mc-root{${themeVars(branding && branding.light, NEUTRAL.light)}}@media (prefers-color-scheme:dark){.mc-root{${themeVars(branding && branding.dark, NEUTRAL.dark)}}}\n${CSS}`,
    });
    root = h("div", { class: "mc-root", lang }, style, h("div", { class: "mc-toast", role: "status" }));
    // First in the body, so keyboard users reach the banner before the page.
    document.body.insertBefore(root, document.body.firstChild);
  }

  function toast(text) {
    const region = root.querySelector(".mc-toast");
    region.textContent = text;
    setTimeout(() => {
      if (region.textContent === text) region.textContent = "";
    }, 5000);
  }

  function optionalNames() {
    const names = purposes.filter((purpose) => !necessary(purpose)).map((purpose) => purpose.name);
    if (names.length < 2) return names.join("");
    return `${names.slice(0, -1).join(", ")} ${T.and} ${names[names.length - 1]}`;
  }

  function notice() {
    if (!reprompt) return null;
    const summary = policy.reconsent && policy.reconsent.summary;
    return h("div", { class: "mc-notice" }, h("strong", { text: T.updated }), summary ? h("span", { text: summary }) : null);
  }

  function showBanner() {
    if (banner) return;
    const optional = optionalNames();
    banner = h(
      "section",
      { class: "mc-banner", role: "dialog", "aria-labelledby": "mc-banner-title", "aria-describedby": "mc-banner-text" },
      h(
        "div",
        { class: "mc-main" },
        h("h2", { class: "mc-title", id: "mc-banner-title", text: T.title }),
        notice(),
        h("p", { class: "mc-text", id: "mc-banner-text", text: fill(optional ? T.text : T.textNone, { name: displayName, optional }) }),
        h("button", { type: "button", class: "mc-link", text: T.read, onclick: (event) => openPolicy(event.currentTarget) }),
      ),
      // Accept and reject look the same and sit side by side: refusing is as easy as agreeing.
      h(
        "div",
        { class: "mc-actions" },
        button(T.accept, "primary", () =>
          choose(
            "accept_all",
            decisions(() => true),
          ),
        ),
        button(T.reject, "primary", () =>
          choose(
            "reject_all",
            decisions(() => false),
          ),
        ),
        button(T.choose, "secondary", (event) => openSettings(event.currentTarget)),
      ),
    );
    root.append(banner);
    if (settingsButton) settingsButton.hidden = true;
  }

  function closeBanner() {
    if (banner) banner.remove();
    banner = null;
  }

  function showSettingsButton() {
    if (!settingsButton) {
      settingsButton = button(T.settings, "fab", (event) => openSettings(event.currentTarget), { class: "mc-fab" });
      root.append(settingsButton);
    }
    settingsButton.hidden = Boolean(banner);
  }

  const FOCUSABLE = 'a[href],button:not([disabled]),input:not([disabled]),select,textarea,[tabindex]:not([tabindex="-1"])';

  /** A modal dialog: focus moves in and stays there, Escape closes it, focus returns to `opener`. */
  function modal(id, titleText, opener, body, footer, describedBy) {
    const title = h("h2", { class: "mc-title", id: `${id}-title`, text: titleText });
    const close = () => {
      overlay.remove();
      if (!root.querySelector(".mc-overlay")) document.documentElement.classList.remove("mc-lock");
      const target = opener && opener.isConnected ? opener : banner ? banner.querySelector("button") : settingsButton;
      if (target) target.focus();
    };
    const dialog = h(
      "div",
      {
        class: "mc-modal",
        id,
        role: "dialog",
        "aria-modal": "true",
        "aria-labelledby": title.id,
        "aria-describedby": describedBy,
        tabindex: "-1",
      },
      h(
        "div",
        { class: "mc-head" },
        title,
        h("button", { type: "button", class: "mc-x", "aria-label": T.close, text: "×", onclick: close }),
      ),
      body,
      footer,
    );
    const overlay = h("div", { class: "mc-overlay" }, dialog);
    overlay.addEventListener("mousedown", (event) => {
      if (event.target === overlay) close();
    });
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.stopPropagation();
        close();
      } else if (event.key === "Tab") {
        const items = Array.from(dialog.querySelectorAll(FOCUSABLE)).filter((item) => !item.closest("[hidden]"));
        const first = items[0];
        const last = items[items.length - 1];
        const active = document.activeElement;
        if (event.shiftKey && (active === first || active === dialog)) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && active === last) {
          event.preventDefault();
          first.focus();
        }
      }
    });
    root.append(overlay);
    document.documentElement.classList.add("mc-lock");
    dialog.focus();
    return close;
  }

  function openPolicy(opener) {
    const content = h("div", { class: "mc-policy" });
    // Sanitised by the console with an allow-list; this strips anything active once more.
    const template = document.createElement("template");
    template.innerHTML = String(policy.html || "");
    for (const element of template.content.querySelectorAll("*")) {
      if (/^(script|style|iframe|object|embed|form|link|meta|base)$/i.test(element.tagName)) element.remove();
      else
        for (const attribute of Array.from(element.attributes)) {
          if (/^on/i.test(attribute.name) || /^\s*javascript:/i.test(attribute.value)) element.removeAttribute(attribute.name);
        }
    }
    // The dialog's own title already says it.
    const heading = template.content.firstElementChild;
    if (heading && heading.tagName === "H1" && heading.textContent.trim() === String(policy.title).trim()) heading.remove();
    content.append(template.content);
    modal("mc-policy", policy.title || T.read, opener, h("div", { class: "mc-body" }, content), null);
  }

  function openSettings(opener) {
    if (!policy) {
      openWhenReady = opener || true;
      return;
    }
    if (document.getElementById("mc-settings")) return;
    const defaults = current ? current.purposes : decisions((purpose) => !purpose.optIn && !gpcSignal);
    const switches = [];
    const list = h(
      "ul",
      { class: "mc-purposes" },
      ...purposes.map((purpose) => {
        const id = `mc-purpose-${purpose.key}`;
        const fixed = necessary(purpose);
        const input = h("input", {
          type: "checkbox",
          role: "switch",
          class: "mc-switch",
          id,
          checked: fixed || defaults[purpose.key] === "granted",
          disabled: fixed,
          "aria-describedby": `${id}-desc${fixed ? ` ${id}-always` : ""}`,
        });
        input.dataset.purpose = purpose.key;
        if (!fixed) switches.push(input);
        const vendor = purpose.vendor && (purpose.vendor.legalEntity || purpose.vendor.name);
        return h(
          "li",
          { class: "mc-purpose" },
          h(
            "div",
            { class: "mc-row" },
            h(
              "label",
              { class: "mc-name", for: id },
              purpose.name,
              h("span", { class: "mc-tag", text: T[purpose.category] || purpose.category }),
            ),
            fixed ? h("span", { class: "mc-always", id: `${id}-always`, text: T.always }) : null,
            input,
          ),
          h("p", { class: "mc-desc", id: `${id}-desc`, text: purpose.description }),
          vendor ? h("p", { class: "mc-vendor", text: `${T.provider}: ${vendor}` }) : null,
        );
      }),
    );
    const custom = () => {
      const granted = {};
      for (const input of switches) granted[input.dataset.purpose] = input.checked;
      return decisions((purpose) => granted[purpose.key]);
    };
    const at =
      current && new Date(current.at).toLocaleString(lang === "nb" ? "nb-NO" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
    const body = h(
      "div",
      { class: "mc-body" },
      notice(),
      h("p", { id: "mc-settings-desc", text: fill(T.settingsText, { name: displayName }) }),
      h("button", { type: "button", class: "mc-link", text: T.read, onclick: (event) => openPolicy(event.currentTarget) }),
      gpcSignal ? h("p", { class: "mc-gpc", text: T.gpc }) : null,
      list,
      current
        ? h(
            "p",
            { class: "mc-id" },
            `${T.consentId}: `,
            h("code", { "data-mc-consent-id": true, text: current.consentId }),
            h("br"),
            fill(T.consentIdHelp, { at }),
          )
        : null,
    );
    const granting = current && Object.keys(current.purposes).some((purposeKey) => current.purposes[purposeKey] === "granted");
    // Recorded first: the banner it replaces may hold the opener, and focus then goes to the settings button.
    const act = (action, chosen, message) => () => {
      choose(action, chosen());
      close();
      toast(`${message} ${T.consentId}: ${current.consentId}`);
    };
    const footer = h(
      "div",
      { class: "mc-foot" },
      granting ? button(T.withdraw, "quiet", act("withdraw", withdrawal, T.withdrawn)) : null,
      h("span", { class: "mc-gap" }),
      button(
        T.reject,
        "secondary",
        act("reject_all", () => decisions(() => false), T.saved),
      ),
      button(
        T.accept,
        "secondary",
        act("accept_all", () => decisions(() => true), T.saved),
      ),
      button(T.save, "primary", act("save_custom", custom, T.saved)),
    );
    const close = modal("mc-settings", T.settings, opener, body, footer, "mc-settings-desc");
  }

  /** Every opt-in purpose denied; the others keep their decision (they do not rest on consent). */
  function withdrawal() {
    return decisions((purpose) => !purpose.optIn && (!current || current.purposes[purpose.key] === "granted"));
  }

  // ---- start
  const getJson = (path) =>
    fetch(`${base}api/public/tenants/${tenant}/${path}`, { credentials: "omit" }).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    });
  const domReady = new Promise((resolve) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve);
    else resolve();
  });

  Promise.all([getJson("policies/privacy"), getJson("config").catch(() => null), domReady])
    .then(([loaded, config]) => {
      if (!loaded || !Array.isArray(loaded.purposes) || typeof loaded.version !== "string") throw new Error("unexpected answer");
      purposes = loaded.purposes.filter((purpose) => purpose && /^[a-z][a-z0-9_]{1,39}$/.test(purpose.key));
      policy = loaded;
      mount(config);
      resendOutbox();
      current = validStoredChoice();
      if (current) {
        showSettingsButton();
        announce(current);
      } else if (gpcSignal) {
        // The browser's signal is the visitor's answer: opt-outs recorded without asking.
        choose(
          "gpc",
          decisions(() => false),
        );
      } else {
        showBanner();
      }
      if (openWhenReady) openSettings(openWhenReady === true ? null : openWhenReady);
    })
    .catch((error) => warn(`the privacy policy of ${tenant} could not be loaded (${error.message}); no banner is shown`));

  document.addEventListener("click", (event) => {
    const opener = event.target instanceof Element && event.target.closest("[data-mc-consent-settings]");
    if (!opener) return;
    event.preventDefault();
    openSettings(opener);
  });

  window.MasterchannelConsent = Object.freeze({
    open: () => openSettings(document.activeElement),
    get: () => (current ? copy(current) : null),
    withdraw: () => {
      if (policy) choose("withdraw", withdrawal());
    },
  });
})();
