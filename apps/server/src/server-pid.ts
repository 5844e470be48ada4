/**
 * PGlite lets one process open a data directory: the server notes its pid there while it runs, so
 * command-line tools can refuse to open the directory beside it instead of corrupting it.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";

const pidFile = (dataDir: string) => `${dataDir}/server.pid`;

export function writeServerPid(dataDir: string): () => void {
  const file = pidFile(dataDir);
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

/** The pid of a live server using this data directory, or null. */
export function runningServerPid(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile(dataDir), "utf8"));
  } catch {
    return null;
  }
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}
