/**
 * The server's log settings: one JSON line per event, and nothing in them that identifies a person
 * or opens an account. Request lines carry method, path (no query string) and status only; errors
 * keep their name, message, code and stack but never the values of a failed query (Drizzle puts
 * them in `params` and in the message) or a database error's `detail` ("Key (email)=(…)"); any
 * e-mail address or IP address left in a message is masked; and the fields the code might log by
 * name (headers, passwords, tokens, secrets, e-mail, subject ids, IPs) are redacted.
 */
import type { FastifyServerOptions } from "fastify";

/** Where log lines go: stdout when left out; tests pass a stream of their own. */
export interface LogDestination {
  write(line: string): void;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
/** Full and "::"-shortened IPv6 forms; times (12:30:45) and stack positions (:12:34) have fewer groups or no hex letters. */
const IPV6 =
  /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?(?![\w:])|(?<![\w:])::(?:[0-9A-Fa-f]{1,4}:)*[0-9A-Fa-f]{1,4}(?![\w:])/g;
/** Drizzle's "Failed query: …\nparams: …": the statement is kept, its values are not. */
const QUERY_PARAMS = /\nparams: [\s\S]*$/;

/** Masks personal data a free-text message may carry. */
export function scrubText(text: string): string {
  return text.replace(QUERY_PARAMS, "\nparams: [redacted]").replace(EMAIL, "[email]").replace(IPV6, "[ip]").replace(IPV4, "[ip]");
}

export type SerializedError = {
  type: string;
  message: string;
  stack: string;
  code?: string;
  statusCode?: number;
  constraint?: string;
  cause?: SerializedError;
};

/**
 * Replaces pino's error serializer, which copies every enumerable property (a query's `params`, a
 * database error's `detail`, a request's `body`): only the fields below are kept.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: scrubText(String(error)), stack: "" };
  const message = scrubText(error.message);
  const details = error as Error & { code?: unknown; statusCode?: unknown; constraint?: unknown };
  const frames = error.stack?.indexOf("\n    at ") ?? -1;
  const serialized: SerializedError = {
    type: error.name,
    message,
    // The message's first line only: a failed query's whole statement is already in `message`.
    stack: `${error.name}: ${message.split("\n", 1)[0]}${frames >= 0 ? error.stack?.slice(frames) : ""}`,
  };
  if (typeof details.code === "string") serialized.code = details.code;
  if (typeof details.statusCode === "number") serialized.statusCode = details.statusCode;
  if (typeof details.constraint === "string") serialized.constraint = details.constraint;
  if (error.cause !== undefined && depth < 5) serialized.cause = serializeError(error.cause, depth + 1);
  return serialized;
}

/** Field names the code or a library might log that carry secrets or personal data. */
const SENSITIVE_FIELDS = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "sessionToken",
  "secret",
  "webhookSecret",
  "apiKey",
  "publishableKey",
  "email",
  "subjectId",
  "ip",
  "remoteAddress",
  "body",
  "input",
];
const SENSITIVE_HEADERS = ["authorization", "cookie", "set-cookie", "stripe-signature", "x-forwarded-for", "x-real-ip"];

/** pino's redact paths: the fields at the top and one level down, and the headers wherever they sit. */
export const REDACT_PATHS = [
  ...SENSITIVE_FIELDS.flatMap((field) => [field, `*.${field}`]),
  ...SENSITIVE_HEADERS.flatMap((header) => [`req.headers["${header}"]`, `res.headers["${header}"]`, `headers["${header}"]`]),
];

type PinoOptions = Exclude<NonNullable<FastifyServerOptions["logger"]>, boolean>;

export function loggerOptions(level: string, destination?: LogDestination): PinoOptions {
  return {
    level,
    ...(destination ? { stream: destination } : {}),
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: {
      req: (req) => ({ method: req.method, url: scrubText(req.url.split("?")[0] ?? "") }),
      res: (res) => ({ statusCode: res.statusCode }),
      err: serializeError,
    },
    hooks: {
      // Messages are free text (Fastify logs an error's message as the line's message): mask them too.
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg)) as typeof args;
        return method.apply(this, scrubbed);
      },
    },
  };
}
