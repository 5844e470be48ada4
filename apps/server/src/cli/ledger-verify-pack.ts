/**
 * `npm run ledger:verify-pack <file> [-- --trust <base64 public key>]`: verifies a consent evidence
 * pack offline, with no database and no settings (verifyEvidencePack of @pc/shared): every record's
 * hash, the links up to the signed checkpoint, the checkpoint's signature, the policy text's hashes.
 * Prints what it checked. Exit code 0 when the pack verifies, 1 when it does not, 2 when the file
 * cannot be read. Without --trust the checkpoint is checked with the key inside the pack; compare
 * that key with the one the operator publishes, or pass it with --trust (repeatable).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { verifySignature } from "@pc/db";
import { verifyEvidencePack } from "@pc/shared";

function exit(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main() {
  let parsed: ReturnType<typeof parseArgs<{ options: { trust: { type: "string"; multiple: true } }; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ options: { trust: { type: "string", multiple: true } }, allowPositionals: true });
  } catch (error) {
    exit((error as Error).message, 2);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) exit("Usage: npm run ledger:verify-pack <file> [-- --trust <base64 public key>]", 2);
  let pack: unknown;
  try {
    // npm runs workspace scripts in the workspace: a relative path is the caller's, which npm passes as INIT_CWD.
    pack = JSON.parse(readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), "utf8"));
  } catch (error) {
    exit(`Could not read ${file}: ${(error as Error).message}`, 2);
  }

  const result = await verifyEvidencePack(pack, { verifySignature, trustedPublicKeys: parsed.values.trust });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Consent evidence pack ${file}`);
  const { checked } = result;
  if (checked) {
    const tenant = (pack as { tenant: { slug: string } }).tenant.slug;
    out(`  tenant       ${tenant}`);
    out(`  records      ${checked.records} recomputed (hash of each record's chained fields)`);
    out(`  chain        ${checked.links} links from seq ${checked.fromSeq} to the checkpoint at seq ${checked.checkpoint.seq}`);
    if (checked.linkOnly > 0) {
      out(
        `  removed      ${checked.linkOnly} links removed by retention, checked by their links (${checked.anchors} anchoring checkpoints)`,
      );
    }
    const trust =
      checked.checkpoint.trusted === null
        ? "with the key in the pack (not compared with a trusted key: use --trust)"
        : checked.checkpoint.trusted
          ? "with a trusted key"
          : "with a key that is NOT trusted";
    out(`  checkpoint   signed ${checked.checkpoint.signedAt} by key ${checked.checkpoint.keyId}, checked ${trust}`);
    out(
      `  policies     ${checked.policies} texts as shown, hashes recomputed${checked.recordsWithoutPolicy ? ` (${checked.recordsWithoutPolicy} records without one)` : ""}`,
    );
  }
  for (const problem of result.problems) out(`  PROBLEM      ${problem.where}: ${problem.reason} (${problem.detail})`);
  out(result.ok ? "OK: the pack verifies." : `FAILED: ${result.problems.length} problems.`);
  process.exitCode = result.ok ? 0 : 1;
}

await main();
