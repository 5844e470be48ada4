/** What the statistics procedure answers, as the page uses it. */
import type { RouterOutputs } from "../../lib/trpc";

export type ConsentStatsOverview = RouterOutputs["consentStats"]["overview"];
export type StatsPurpose = ConsentStatsOverview["purposes"][number];
export type StatsBucketRow = ConsentStatsOverview["buckets"][number];
export type StatsPurposeCounts = StatsPurpose["total"];
export type StatsCoverageKind = ConsentStatsOverview["coverage"]["kinds"][number];
