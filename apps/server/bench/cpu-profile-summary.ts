/**
 * Where a server's CPU time went: the top self-time functions and the packages they belong to,
 * from a V8 CPU profile (`node --cpu-prof`), optionally only over a time window (the measured
 * phases, not start-up). Used by the benchmark's --cpu-prof option; also runnable on its own:
 *   node --import tsx apps/server/bench/cpu-profile-summary.ts <file.cpuprofile> [top]
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Window {
  /** Microseconds on the monotonic clock (process.hrtime), which V8's profile timestamps also use. */
  fromUs: number;
  toUs: number;
}

export interface ProfileSummary {
  /** Milliseconds sampled in the window, idle included. */
  totalMs: number;
  idleMs: number;
  windowApplied: boolean;
  functions: { name: string; where: string; ms: number; share: number }[];
  areas: { area: string; ms: number; share: number }[];
}

const SPECIAL = new Set(["(idle)", "(program)", "(garbage collector)", "(root)"]);

/** node_modules/<package>, node:<module>, the workspace package, or V8's own buckets. */
export function areaOf(frame: ProfileNode["callFrame"]): string {
  if (SPECIAL.has(frame.functionName) && !frame.url) return frame.functionName;
  const url = frame.url;
  if (!url) return "(native / V8 builtins)";
  if (url.startsWith("node:")) return url.split("/").slice(0, 2).join("/");
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const workspace = /\/(apps|packages)\/([^/]+)\/src\/(.+)$/.exec(url);
  if (workspace) return `${workspace[1]}/${workspace[2]}/${workspace[3]}`;
  return url;
}

function whereOf(frame: ProfileNode["callFrame"]): string {
  if (!frame.url) return "";
  const short = frame.url.replace(/^file:\/\/.*?\/(node_modules|apps|packages)\//, "$1/");
  return `${short}:${frame.lineNumber + 1}`;
}

export function summarizeProfile(profile: CpuProfile, window?: Window, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const windowApplied = window !== undefined && window.fromUs >= profile.startTime && window.toUs <= profile.endTime;
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (windowApplied && window && (at < window.fromUs || at > window.toUs)) continue;
    const id = profile.samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
    totalUs += delta;
  }

  const functions = new Map<string, { name: string; where: string; us: number }>();
  const areas = new Map<string, number>();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = (byId.get(id) as ProfileNode).callFrame;
    if (frame.functionName === "(idle)") idleUs += us;
    const name = frame.functionName || "(anonymous)";
    const where = whereOf(frame);
    const key = `${name} ${where}`;
    const entry = functions.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    const area = areaOf(frame);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const busyUs = Math.max(1, totalUs - idleUs);
  return {
    totalMs: totalUs / 1000,
    idleMs: idleUs / 1000,
    windowApplied,
    functions: [...functions.values()]
      .filter((entry) => entry.name !== "(idle)")
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((entry) => ({ name: entry.name, where: entry.where, ms: entry.us / 1000, share: entry.us / busyUs })),
    areas: [...areas.entries()]
      .filter(([area]) => area !== "(idle)")
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([area, us]) => ({ area, ms: us / 1000, share: us / busyUs })),
  };
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
}

const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;

export function formatSummary(summary: ProfileSummary): string {
  const busy = summary.totalMs - summary.idleMs;
  const lines = [
    `CPU profile: ${(summary.totalMs / 1000).toFixed(1)} s sampled${summary.windowApplied ? " (measured phases only)" : " (whole process)"}, ` +
      `${(busy / 1000).toFixed(1)} s busy (${pct(busy / Math.max(1, summary.totalMs)).trim()})`,
    "",
    "Top self time by function (share of busy time):",
    ...summary.functions.map((entry) => `  ${pct(entry.share)}  ${entry.name}  ${entry.where}`),
    "",
    "Self time by package or file:",
    ...summary.areas.map((entry) => `  ${pct(entry.share)}  ${entry.area}`),
  ];
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write("usage: cpu-profile-summary.ts <file.cpuprofile> [top]\n");
    process.exit(2);
  }
  process.stdout.write(`${formatSummary(summarizeProfile(readProfile(file), undefined, Number(top ?? 25)))}\n`);
}
