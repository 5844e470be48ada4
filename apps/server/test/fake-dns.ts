/**
 * A DnsResolver for tests: TXT records are whatever the test sets, per name, and a name can be
 * made to fail the way a real resolver does (ETIMEOUT, ESERVFAIL). An unknown name answers
 * ENOTFOUND, as NXDOMAIN does; a name set to no records answers ENODATA.
 */
import type { DnsResolver } from "../src/routers/domains/dns.js";

export interface FakeResolver extends DnsResolver {
  /** Replaces the TXT records at `name`; each value is one record. */
  setTxt(name: string, values: string[]): void;
  /** The name no longer exists (ENOTFOUND). */
  remove(name: string): void;
  /** Look-ups of `name` fail with this node:dns code until `setTxt` or `remove`. */
  failWith(name: string, code: string): void;
  /** Every name asked for, in order. */
  readonly lookups: string[];
}

function dnsError(code: string, name: string): Error {
  return Object.assign(new Error(`queryTxt ${code} ${name}`), { code, hostname: name });
}

/** A record longer than 255 bytes comes back in chunks, as from a real server. */
function chunks(value: string): string[] {
  const parts: string[] = [];
  for (let at = 0; at < value.length; at += 255) parts.push(value.slice(at, at + 255));
  return parts.length > 0 ? parts : [""];
}

export function createFakeResolver(): FakeResolver {
  const records = new Map<string, string[]>();
  const failures = new Map<string, string>();
  const lookups: string[] = [];
  const normalise = (name: string) => name.toLowerCase().replace(/\.$/, "");
  return {
    lookups,
    setTxt(name, values) {
      failures.delete(normalise(name));
      records.set(normalise(name), [...values]);
    },
    remove(name) {
      failures.delete(normalise(name));
      records.delete(normalise(name));
    },
    failWith(name, code) {
      failures.set(normalise(name), code);
    },
    async resolveTxt(name) {
      const key = normalise(name);
      lookups.push(key);
      const failure = failures.get(key);
      if (failure) throw dnsError(failure, key);
      const values = records.get(key);
      if (!values) throw dnsError("ENOTFOUND", key);
      if (values.length === 0) throw dnsError("ENODATA", key);
      return values.map(chunks);
    },
  };
}
