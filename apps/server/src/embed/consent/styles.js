// The banner's styles: one stylesheet, coloured by the storefront's branding (light and dark) through
// custom properties, with neutral colours for anything that is not plain hex.

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

/** The text of the banner's one <style> element, for the storefront's branding (or none). */
function styleText(branding) {
  const light = themeVars(branding && branding.light, NEUTRAL.light);
  const dark = themeVars(branding && branding.dark, NEUTRAL.dark);
  return `.mc-root{${light}}@media (prefers-color-scheme:dark){.mc-root{${dark}}}\n${CSS}`;
}
