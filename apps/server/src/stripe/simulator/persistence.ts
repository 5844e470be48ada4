// The state file: read once at start, written atomically (temporary file, then rename) a moment
// after changes settle, so a crash leaves either the old state or the new one.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { randomBase62 } from "./ids.js";
import type { SimState } from "./store.js";

const SAVE_DELAY_MS = 200;

export function loadState(path: string): SimState | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<SimState>;
  if (parsed.version !== 1 || typeof parsed.objects !== "object")
    throw new Error(`${path} is not a Stripe simulator state file (version 1)`);
  return parsed as SimState;
}

export class StateSaver {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly snapshot: () => SimState,
  ) {}

  /** Saves ~200 ms after the last change. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      // A failed background save is retried by the next change or by close(), which reports it.
      this.save().catch((error: unknown) => process.emitWarning(`Stripe simulator: could not save ${this.path}: ${String(error)}`));
    }, SAVE_DELAY_MS);
    this.timer.unref();
  }

  /** Writes now (after any write in progress). */
  save(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const json = JSON.stringify(this.snapshot());
    this.writing = this.writing.catch(() => undefined).then(() => this.write(json));
    return this.writing;
  }

  private async write(json: string): Promise<void> {
    // Unique per write: two simulators on one file in one process must not share a temporary file.
    const temporary = `${this.path}.${process.pid}.${randomBase62(8)}.tmp`;
    await mkdir(dirname(this.path), { recursive: true });
    await writeFile(temporary, json);
    await rename(temporary, this.path);
  }
}
