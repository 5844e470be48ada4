/**
 * Domain errors. Services throw these; one tRPC middleware maps them to error codes, so no
 * service knows about HTTP or tRPC.
 */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Unknown id, or an id of another tenant: the two must look the same. */
export class NotFoundError extends DomainError {}
export class ForbiddenError extends DomainError {}
export class UnauthorizedError extends DomainError {}
/** A uniqueness rule: the slug, email or membership already exists. */
export class ConflictError extends DomainError {}
/** The request is valid but the current state forbids it (suspend a suspended tenant). */
export class PreconditionError extends DomainError {}
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A well-formed input that the domain rejects for one field (a wrong current password). */
export class InvalidInputError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
