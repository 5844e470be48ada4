/** Publishable keys: what a storefront sends to say which tenant its consent events are for. */
import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `pk_live_` and 24 base62 characters (~143 bits): public, but not guessable. */
export function newPublishableKey(): string {
  let key = "pk_live_";
  // 248 is the largest multiple of 62 under 256: rejecting bytes above keeps every character equally likely.
  while (key.length < 32) {
    for (const byte of randomBytes(32)) {
      if (byte < 248 && key.length < 32) key += BASE62[byte % 62];
    }
  }
  return key;
}
