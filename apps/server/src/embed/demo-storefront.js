/*
 * The demo storefront's own script (demo-storefront-page.ts serves the page): what a partner's site does
 * with the consent banner. Tidio's chat is "loaded" (a stand-in bubble) only while the visitor has
 * granted the tidio purpose, and removed when they withdraw; the last event is shown on the page.
 * It also takes the shop's name, colours and prices from the tenant's public config, and its Buy
 * buttons ask the console for a checkout with the storefront's publishable key.
 */
(() => {
  const slug = document.body.dataset.tenant;
  const log = document.querySelector('[data-testid="consent-log"]');

  function tidio(granted) {
    const widget = document.querySelector('[data-testid="tidio-widget"]');
    if (granted && !widget) {
      const bubble = document.createElement("div");
      bubble.className = "tidio";
      bubble.dataset.testid = "tidio-widget";
      bubble.setAttribute("role", "complementary");
      bubble.setAttribute("aria-label", "Support chat");
      bubble.textContent = "Chat with us";
      document.body.append(bubble);
    } else if (!granted && widget) {
      widget.remove();
    }
  }

  function show(name, detail) {
    log.textContent = `${name}\n${JSON.stringify(detail, null, 2)}`;
  }

  document.addEventListener("mc:consent", (event) => {
    tidio(event.detail.purposes.tidio === "granted");
    show("mc:consent", event.detail);
  });
  document.addEventListener("mc:consent-recorded", (event) => {
    log.textContent += `\n\nmc:consent-recorded\n${JSON.stringify(event.detail, null, 2)}`;
  });
  document.addEventListener("mc:consent-error", (event) => show("mc:consent-error", event.detail));

  // The banner may have announced a stored choice before this script listened.
  const choice = window.MasterchannelConsent && window.MasterchannelConsent.get();
  if (choice) {
    tidio(choice.purposes.tidio === "granted");
    show("MasterchannelConsent.get()", choice);
  }

  let shopPrice = null;
  const status = document.querySelector('[data-testid="checkout-status"]');
  function say(text, error) {
    status.textContent = text;
    if (error) status.dataset.error = "";
    else delete status.dataset.error;
  }
  if (new URLSearchParams(location.search).has("paid")) say("Thank you: your payment went through. Your masters are on their way.");

  async function buy(button) {
    if (!shopPrice) return say("Prices are not loaded yet.", true);
    const tracks = Number(button.dataset.buy);
    const here = `${location.origin}${location.pathname}`;
    const item = shopPrice.bundles.some((bundle) => bundle.tracks === tracks) ? { bundle: tracks } : { tracks };
    const key = document.querySelector("script[data-key]").dataset.key;
    button.disabled = true;
    try {
      const response = await fetch("/api/public/checkout", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ ...item, currency: shopPrice.currency, successUrl: `${here}?paid=1`, cancelUrl: here }),
      });
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.error ? answer.error.message : `HTTP ${response.status}`);
      location.assign(answer.url);
    } catch (error) {
      say(`The checkout could not start: ${error.message}`, true);
      button.disabled = false;
    }
  }
  for (const button of document.querySelectorAll("[data-buy]")) button.addEventListener("click", () => buy(button));

  fetch(`/api/public/tenants/${slug}/config`)
    .then((response) => (response.ok ? response.json() : null))
    .then((config) => {
      if (!config) return;
      const branding = config.branding;
      const name = (branding && branding.displayName) || config.tenant.name;
      for (const element of document.querySelectorAll("[data-shop-name]")) element.textContent = name;
      document.title = `Mastering for your tracks · ${name}`;
      if (branding) {
        document.documentElement.style.setProperty("--brand", branding.light.primary);
        document.documentElement.style.setProperty("--brand-label", branding.light.buttonLabel);
      }
      const price = config.prices[0];
      if (!price) return;
      shopPrice = price;
      const format = new Intl.NumberFormat("en", {
        style: "currency",
        currency: price.currency,
        minimumFractionDigits: price.currencyDecimals,
        maximumFractionDigits: price.currencyDecimals,
      });
      const amount = (minor) => format.format(minor / 10 ** price.currencyExponent);
      for (const element of document.querySelectorAll("[data-price]")) {
        const tracks = Number(element.dataset.price);
        const bundle = price.bundles.find((candidate) => candidate.tracks === tracks);
        element.textContent = amount(bundle ? bundle.unitAmount : price.perTrack.unitAmount * tracks);
      }
    })
    .catch(() => {
      // The page keeps its placeholders.
    });
})();
