/** ISO timestamps in a server sentence ("…scheduled for 2026-11-01T09:00:00.000Z…"), shown as the reader's dates. */
export function withLocalDates(message: string, formatDateTime: (value: string) => string): string {
  return message.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g, (iso) => formatDateTime(iso));
}
