/**
 * Token buckets per publishable key, counting events (a batch of 200 takes 200 tokens): a bucket
 * holds up to `burst` tokens and refills at `ratePerSecond`. Kept in this process's memory, so
 * with several server processes a storefront gets that rate from each.
 */

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until `cost` tokens are there again (for Retry-After), when refused. */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export interface RateLimiter {
  /** Takes `cost` tokens from the key's bucket if it holds them all; otherwise takes none. */
  take(key: string, cost: number, limit: { ratePerSecond: number; burst: number }): RateDecision;
}

const MAX_BUCKETS = 100_000;

export function createRateLimiter(now: () => number = () => performance.now()): RateLimiter {
  let buckets = new Map<string, Bucket>();
  return {
    take(key, cost, { ratePerSecond, burst }) {
      const at = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        // Bounded: forgetting every bucket at once only ever hands out more tokens, never fewer.
        if (buckets.size >= MAX_BUCKETS) buckets = new Map();
        bucket = { tokens: burst, at };
        buckets.set(key, bucket);
      }
      bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.at) / 1000) * ratePerSecond);
      bucket.at = at;
      if (cost <= bucket.tokens) {
        bucket.tokens -= cost;
        return { allowed: true, retryAfterSeconds: 0 };
      }
      const missing = Math.min(cost, burst) - bucket.tokens;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / ratePerSecond)) };
    },
  };
}
