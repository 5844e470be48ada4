// Rules every free text shares. PostgreSQL can store no NUL (U+0000) in a text or jsonb value: such
// an input would fail in the database with a 500, so it is refused up front, naming the field.
import { z } from "zod";

/** True when `text` holds no NUL character. */
export const hasNoNul = (text: string): boolean => !text.includes("\u0000");

/** "<subject> cannot contain NUL characters": the message of a refused NUL. */
export const nulMessage = (subject: string): string => `${subject} cannot contain NUL characters`;

/** Required free text, trimmed: `required` when empty, "<subject> has at most <max> characters", no NUL. */
export const requiredText = (subject: string, max: number, required: string) =>
  z
    .string({ message: required })
    .trim()
    .min(1, required)
    .max(max, `${subject} has at most ${max} characters`)
    .refine(hasNoNul, nulMessage(subject));
