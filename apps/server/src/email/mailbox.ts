/** A sender mailbox as MAIL_FROM gives it: `Name <address>` or a bare address. */
export interface Mailbox {
  name: string;
  address: string;
}

const ADDRESS = /^[^\s@<>",;:]+@[^\s@<>",;:]+\.[^\s@<>",;:]+$|^[^\s@<>",;:]+@localhost$/i;

/** null when the text is not one mailbox. */
export function parseMailbox(text: string): Mailbox | null {
  const trimmed = text.trim();
  const named = /^(.*?)\s*<([^<>]+)>$/.exec(trimmed);
  const name = (named ? (named[1] ?? "") : "").replace(/^"(.*)"$/, "$1").trim();
  const address = (named ? (named[2] ?? "") : trimmed).trim();
  if (!ADDRESS.test(address) || /[\r\n]/.test(name)) return null;
  return { name, address };
}

/** The default sender: "Partner Console <no-reply@HOST>" with the host of the console's public URL. */
export function defaultMailFrom(publicUrl: string): Mailbox {
  return { name: "Partner Console", address: `no-reply@${new URL(publicUrl).hostname}` };
}
