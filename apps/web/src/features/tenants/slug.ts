/** A slug suggested from a tenant's name: "Fjord Sound AS" → "fjord-sound-as". */
const SPECIAL: Record<string, string> = { æ: "ae", ø: "o", å: "a", ß: "ss", þ: "th", ð: "d", ł: "l" };

export function suggestSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[æøåßþðł]/g, (letter) => SPECIAL[letter] ?? letter)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
}
