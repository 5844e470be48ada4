/**
 * The benchmark's baseline: the least a Node HTTP server must do per consent event (read the JSON
 * body, parse it, answer 201 with an acknowledgement of the console's size and shape), so that
 * console figures can be read as a share of what this machine and load generator allow.
 * Run as a child process: `node --import tsx bare-server.ts <port>`; prints "ready" when listening.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  process.stderr.write("usage: bare-server.ts <port>\n");
  process.exit(2);
}

const HASH = "0".repeat(64);
let seq = 0;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    let event: unknown;
    try {
      event = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      res.writeHead(400, { "content-type": "application/json" }).end('{"error":"bad json"}');
      return;
    }
    if (typeof event !== "object" || event === null) {
      res.writeHead(400, { "content-type": "application/json" }).end('{"error":"not an object"}');
      return;
    }
    seq += 1;
    const body = JSON.stringify({ recordId: randomUUID(), seq, hash: HASH, receivedAt: new Date().toISOString() });
    res.writeHead(201, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" }).end(body);
  });
});

server.keepAliveTimeout = 72_000;
server.listen(port, "127.0.0.1", () => process.stdout.write("ready\n"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
