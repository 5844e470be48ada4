/**
 * TXT look-ups for custom-domain verification. The server asks through a `DnsResolver` it is
 * given (AppServices.dns), so tests hand it a fake whose records they set, and no test touches
 * the network.
 */
import { Resolver } from "node:dns/promises";

export interface DnsResolver {
  /**
   * The TXT records at `name`, each as the character strings it is made of (a long record comes
   * in 255-byte chunks). Rejects with an error whose `code` is a node:dns code (ENOTFOUND,
   * ENODATA, ETIMEOUT, ESERVFAIL…).
   */
  resolveTxt(name: string): Promise<string[][]>;
}

/** Codes that mean the name or its TXT records do not exist: an answer, not a failure. */
export const DNS_NOT_FOUND_CODES: ReadonlySet<string> = new Set(["ENOTFOUND", "ENODATA"]);

export interface NodeResolverOptions {
  /** The whole look-up's deadline, retries included. */
  timeoutMs?: number;
  /** Name servers to ask instead of the system's (ip or ip:port). */
  servers?: string[];
}

/**
 * The system's resolver with a deadline. A look-up runs inside a request's transaction, so it
 * must not hang: each try times out, and the whole look-up is cancelled at `timeoutMs` (ETIMEOUT).
 */
export function createNodeResolver({ timeoutMs = 5000, servers }: NodeResolverOptions = {}): DnsResolver {
  return {
    async resolveTxt(name) {
      // One resolver per look-up: cancel() ends every query of the resolver it is called on.
      const resolver = new Resolver({ timeout: Math.ceil(timeoutMs / 2), tries: 2 });
      if (servers) resolver.setServers(servers);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          resolver.cancel();
          reject(Object.assign(new Error(`TXT look-up of ${name} timed out`), { code: "ETIMEOUT" }));
        }, timeoutMs);
      });
      try {
        return await Promise.race([resolver.resolveTxt(name), deadline]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
