// The consent banner's last part: every other part has declared what it needs by now. Loads the policy
// and the storefront's config, then asks, announces the stored choice or records the browser's GPC
// signal; and opens the page's ways in (data-mc-consent-settings, window.MasterchannelConsent).

const getJson = (path) =>
  fetch(`${base}api/public/tenants/${tenant}/${path}`, { credentials: "omit" }).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  });

function start() {
  const domReady = new Promise((resolve) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve);
    else resolve();
  });

  Promise.all([getJson("policies/privacy"), getJson("config").catch(() => null), domReady])
    .then(([loaded, config]) => {
      if (!loaded || !Array.isArray(loaded.purposes) || typeof loaded.version !== "string") throw new Error("unexpected answer");
      adoptPolicy(loaded);
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
}

if (enabled) start();
else if (!alreadyLoaded) warn("the script needs a src, data-tenant (the storefront's slug) and data-key (its publishable key)");
