/** Sends the browser to Stripe's onboarding (or the simulator's page); kept apart so tests can stand in for it. */
export function leaveForStripe(url: string): void {
  window.location.assign(url);
}
