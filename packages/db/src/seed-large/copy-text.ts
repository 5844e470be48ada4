/**
 * PostgreSQL's COPY text format (the default of COPY … FROM STDIN): one line per row, columns
 * separated by tabs, null as \N, and a backslash, tab, newline or carriage return inside a value
 * escaped with a backslash.
 */
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

export function copyValue(value: string | null): string {
  if (value === null) return "\\N";
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (char) => ESCAPES[char] as string) : value;
}
