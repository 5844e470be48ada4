// The banner on the page: a small element builder, the root element with its styles and status region,
// the first-level banner (accept, reject, choose) and the settings button that stays after a choice.

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

function mount(config) {
  const branding = config && config.branding;
  if (branding && branding.displayName) displayName = branding.displayName;
  else if (config && config.tenant && config.tenant.name) displayName = config.tenant.name;
  const style = h("style", { text: styleText(branding) });
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
