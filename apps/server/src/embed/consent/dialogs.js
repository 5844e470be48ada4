// The modal dialogs: focus moves in and stays there (Tab wraps, Escape closes) and returns to the
// opener; the sanitised privacy policy, and the privacy settings to choose per purpose or withdraw.

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
    h("div", { class: "mc-head" }, title, h("button", { type: "button", class: "mc-x", "aria-label": T.close, text: "×", onclick: close })),
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

/** Set when the settings are asked for before the policy has loaded: start.js opens them once it has. */
let openWhenReady = null;

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
  const at = current && new Date(current.at).toLocaleString(lang === "nb" ? "nb-NO" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
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
