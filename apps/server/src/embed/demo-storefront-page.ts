/**
 * The demo storefront page (outside production only): a fictional mastering shop of one tenant
 * that includes the consent banner exactly as a partner's site would, so the banner, the Tidio
 * gating and the ledger can be tried in a browser. Its behaviour is demo-storefront.js (inline
 * scripts are refused by its CSP). Its Buy buttons start a real checkout through the storefront API
 * (POST /api/public/checkout), paid on Stripe's (or the simulator's) hosted page.
 */

/** Only what the page needs: its own scripts and the console's API; inline styles for the banner's <style>. */
export const DEMO_STOREFRONT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Tenant slugs as the console makes them; anything else is a 404 before it reaches the HTML. */
export const DEMO_SLUG = /^[a-z0-9-]{1,63}$/;

const STYLES = `
:root { --brand: #4338ca; --brand-label: #fff; --ink: #14151a; --muted: #5b6170; --line: #e6e8ee; --paper: #fff; --wash: #f6f7fb; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--paper); }
a { color: inherit; }
.wrap { max-width: 1080px; margin: 0 auto; padding: 0 24px; }
header { border-bottom: 1px solid var(--line); }
nav { display: flex; align-items: center; gap: 28px; height: 68px; }
.brand { font-weight: 800; font-size: 19px; letter-spacing: -0.01em; text-decoration: none; display: flex; align-items: center; gap: 10px; }
.brand::before { content: ""; width: 26px; height: 26px; border-radius: 8px; background: linear-gradient(135deg, var(--brand), #0ea5e9); }
nav ul { display: flex; gap: 22px; list-style: none; margin: 0 0 0 auto; padding: 0; font-size: 15px; }
nav ul a { text-decoration: none; color: var(--muted); }
nav ul a:hover { color: var(--ink); }
.cta { display: inline-block; padding: 12px 22px; border-radius: 10px; background: var(--brand); color: var(--brand-label); font-weight: 650; text-decoration: none; }
.hero { padding: 88px 0 72px; background: radial-gradient(1200px 400px at 70% -10%, rgba(67, 56, 202, 0.12), transparent), var(--wash); }
.hero h1 { font-size: clamp(36px, 5vw, 56px); line-height: 1.08; letter-spacing: -0.025em; margin: 0 0 18px; max-width: 14ch; }
.hero p { font-size: 19px; color: var(--muted); max-width: 52ch; margin: 0 0 28px; }
.products { padding: 72px 0; }
.products h2 { font-size: 30px; letter-spacing: -0.02em; margin: 0 0 8px; }
.products > .wrap > p { color: var(--muted); margin: 0 0 32px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 20px; }
.card { border: 1px solid var(--line); border-radius: 16px; padding: 24px; background: var(--paper); }
.card h3 { margin: 0 0 4px; font-size: 19px; }
.card .price { font-size: 28px; font-weight: 750; margin: 14px 0 6px; letter-spacing: -0.02em; }
.card p { color: var(--muted); margin: 0; font-size: 15px; }
.card .buy { margin-top: 18px; border: 0; font: inherit; font-weight: 650; cursor: pointer; }
.card .buy:disabled { opacity: 0.6; cursor: progress; }
.checkout-status:empty { display: none; }
.checkout-status { padding: 12px 16px; border-radius: 10px; background: #ecfdf5; color: #065f46; font-weight: 600; }
.checkout-status[data-error] { background: #fef2f2; color: #991b1b; }
.demo { padding: 0 0 72px; }
.demo pre { background: #0f1117; color: #d6e2ff; border-radius: 12px; padding: 16px 18px; font-size: 13px; overflow: auto; min-height: 64px; margin: 12px 0 0; }
.demo h2 { font-size: 18px; margin: 0; }
.demo p { color: var(--muted); margin: 4px 0 0; font-size: 14px; }
footer { border-top: 1px solid var(--line); padding: 28px 0 96px; font-size: 14px; color: var(--muted); }
footer .wrap { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center; }
footer .links { display: flex; gap: 20px; margin-left: auto; }
.tidio { position: fixed; right: 20px; bottom: 20px; z-index: 1000; display: flex; align-items: center; gap: 10px; padding: 12px 18px 12px 14px; border-radius: 999px; background: #0566ff; color: #fff; font-weight: 650; box-shadow: 0 10px 30px rgba(5, 102, 255, 0.35); }
.tidio::before { content: ""; width: 22px; height: 22px; border-radius: 50% 50% 50% 4px; background: #fff; }
@media (max-width: 720px) { nav ul { display: none; } }
`;

/** The page of the demo storefront of `slug` (already checked against DEMO_SLUG). */
export function demoStorefrontHtml(slug: string, key: string): string {
  if (!DEMO_SLUG.test(slug)) throw new Error(`not a tenant slug: ${slug}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>Mastering for your tracks · ${slug} (demo storefront)</title>
<style>${STYLES}</style>
<script src="/demo/storefront.js" defer></script>
<script src="/embed/consent.js" data-tenant="${slug}" data-key="${key}" async></script>
</head>
<body data-tenant="${slug}">
<header><nav class="wrap" aria-label="Main">
  <a class="brand" href="#" data-shop-name>${slug}</a>
  <ul><li><a href="#mastering">Mastering</a></li><li><a href="#pricing">Pricing</a></li><li><a href="#faq">FAQ</a></li><li><a href="#signin">Sign in</a></li></ul>
</nav></header>
<main>
  <section class="hero"><div class="wrap">
    <h1>Mastering for your tracks</h1>
    <p>Upload a mix and get a loud, clear, release-ready master in minutes, tuned for streaming, club and vinyl.</p>
    <a class="cta" href="#pricing">Master a track</a>
  </div></section>
  <section class="products" id="pricing" aria-labelledby="pricing-title"><div class="wrap">
    <h2 id="pricing-title">Choose your mastering</h2>
    <p>Pay per track, or save with a bundle. Unlimited revisions on every master.</p>
    <p class="checkout-status" role="status" data-testid="checkout-status"></p>
    <div class="grid">
      <article class="card"><h3>Single track</h3><div class="price" data-price="1">—</div><p>One master in WAV and MP3, with loudness matched for every platform.</p><button class="cta buy" type="button" data-buy="1">Buy</button></article>
      <article class="card"><h3>EP bundle</h3><div class="price" data-price="5">—</div><p>Five tracks mastered as one release, with consistent tone and level.</p><button class="cta buy" type="button" data-buy="5">Buy</button></article>
      <article class="card"><h3>Album bundle</h3><div class="price" data-price="10">—</div><p>Ten tracks, album sequencing and a DDP image for manufacturing.</p><button class="cta buy" type="button" data-buy="10">Buy</button></article>
    </div>
  </div></section>
  <section class="demo" aria-labelledby="consent-log-title"><div class="wrap">
    <h2 id="consent-log-title">Consent log (demo)</h2>
    <p>The last consent event the banner sent to this page. Tidio's chat loads only when it is granted.</p>
    <pre data-testid="consent-log">No choice yet.</pre>
  </div></section>
</main>
<footer><div class="wrap">
  <span>© <span data-shop-name>${slug}</span> · Powered by Masterchannel</span>
  <span class="links"><a href="#terms">Terms</a><a href="#privacy-settings" data-mc-consent-settings>Privacy settings</a></span>
</div></footer>
</body>
</html>
`;
}
