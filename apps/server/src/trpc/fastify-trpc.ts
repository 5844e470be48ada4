/**
 * tRPC over Fastify, each answer sent as one body with its length. tRPC's own Fastify plugin hands
 * Fastify the web Response, whose body Fastify streams: chunked encoding, and the headers, the
 * body and the closing chunk each written to the socket on their own. Those writes were a quarter
 * of the server's time on a signed-out `auth.me` (docs/performance.md). The console's client uses
 * httpBatchLink and no procedure streams (no subscriptions, no streaming link), so every answer is
 * read whole here and sent with Content-Length, in one write.
 *
 * The rest is what the plugin does: the request converted for tRPC (bodies as unparsed JSON text,
 * which tRPC parses itself), the context made from Fastify's request and reply, errors reported to
 * `onError` with the Fastify request.
 */
import type { AnyTRPCRouter, inferRouterContext, TRPCError } from "@trpc/server";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import { resolveResponse } from "@trpc/server/http";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export interface FastifyTrpcOptions<TRouter extends AnyTRPCRouter> {
  prefix: string;
  router: TRouter;
  createContext: (opts: { req: FastifyRequest; res: FastifyReply }) => Promise<inferRouterContext<TRouter>>;
  onError?: (opts: { error: TRPCError; path: string | undefined; req: FastifyRequest }) => void;
}

export async function registerTrpc<TRouter extends AnyTRPCRouter>(app: FastifyInstance, options: FastifyTrpcOptions<TRouter>) {
  // Its own scope: the JSON parser replaced below applies to these routes only.
  await app.register(async (scope) => {
    scope.removeContentTypeParser("application/json");
    scope.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => done(null, body));

    scope.all<{ Params: { path: string } }>(`${options.prefix}/:path`, async (req, reply) => {
      const incoming = req.raw as typeof req.raw & { body?: unknown };
      if (req.body !== undefined) incoming.body = req.body;
      const response = await resolveResponse({
        router: options.router,
        req: incomingMessageToRequest(incoming, reply.raw, { maxBodySize: null }),
        path: req.params.path,
        error: null,
        createContext: () => options.createContext({ req, res: reply }),
        onError: ({ error, path }) => options.onError?.({ error, path, req }),
      });
      reply.code(response.status);
      for (const [name, value] of response.headers) {
        if (name !== "set-cookie") reply.header(name, value);
      }
      for (const cookie of response.headers.getSetCookie()) reply.header("set-cookie", cookie);
      return reply.send(Buffer.from(await response.arrayBuffer()));
    });
  });
}
