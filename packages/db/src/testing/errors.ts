/** Every message along an error's cause chain: drivers and Drizzle wrap the database's own error. */
export function messagesOf(error: unknown): string {
  const messages: string[] = [];
  for (let current = error as { message?: string; cause?: unknown } | undefined, depth = 0; current && depth < 8; depth++) {
    if (current.message) messages.push(current.message);
    current = current.cause as typeof current;
  }
  return messages.join(" | ");
}

/** The messages of the error `work` fails with; throws when it succeeds. */
export async function refusalOf(work: Promise<unknown>): Promise<string> {
  const outcome = await work.then(
    () => ({ refused: false as const }),
    (error: unknown) => ({ refused: true as const, error }),
  );
  if (!outcome.refused) throw new Error("the statement should have been refused, but it succeeded");
  return messagesOf(outcome.error);
}
