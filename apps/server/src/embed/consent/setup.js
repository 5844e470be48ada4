// The consent banner's first part: what its script tag says, read while the script first runs, and how
// it talks to the page. Whether this copy runs at all is decided here and acted on last, in start.js:
// a fragment cannot return early from the function that wraps all the parts.

// A second copy of the script on a page leaves the first in charge, silently.
const alreadyLoaded = Boolean(window.MasterchannelConsent);

// Only available while the script first runs, so read everything from it now.
const script = document.currentScript;
const attr = (name) => (script && script.getAttribute(`data-${name}`)) || "";
const warn = (message) => console.warn(`Masterchannel consent: ${message}`);
const emit = (name, detail) => document.dispatchEvent(new CustomEvent(name, { detail }));
const tenant = attr("tenant");
const key = attr("key");
/** This copy runs: the first on the page, with a src, the storefront's slug and its publishable key. */
const enabled = !alreadyLoaded && Boolean(script && script.src && /^[a-z0-9-]{1,63}$/.test(tenant) && /^[!-~]{1,200}$/.test(key));
// The console's base URL (path prefix included): the directory above /embed/.
const base = enabled ? new URL("../", script.src).href : "";
const bannerVersion = /^[!-~]{1,32}$/.test(attr("banner-version")) ? attr("banner-version") : "1";
const lang = /^(nb|no|nn)\b/i.test(attr("lang") || document.documentElement.lang || "") ? "nb" : "en";
const gpcSignal = navigator.globalPrivacyControl === true;
