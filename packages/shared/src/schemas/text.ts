// Rules every free text shares. PostgreSQL can store no NUL (U+0000) in a text or jsonb value: such
// an input would fail in the database with a 500, so it is refused up front, naming the field.

/** True when `text` holds no NUL character. */
export const hasNoNul = (text: string): boolean => !text.includes("\u0000");

/** "<subject> cannot contain NUL characters": the message of a refused NUL. */
export const nulMessage = (subject: string): string => `${subject} cannot contain NUL characters`;
