// Policy version numbers: major.minor. A material version (users must consent again) bumps the
// major number and resets the minor; an editorial one bumps the minor number.

export interface PolicyVersionNumber {
  major: number;
  minor: number;
}

export const POLICY_VERSION_MESSAGE = 'Version must look like "2.1": a major and a minor number';

export function formatPolicyVersion({ major, minor }: PolicyVersionNumber): string {
  return `${major}.${minor}`;
}

/** "2.1" → { major: 2, minor: 1 }; anything else is null. */
export function parsePolicyVersion(text: string): PolicyVersionNumber | null {
  const match = /^(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})$/.exec(text.trim());
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** The number the next version gets after `latest` (none yet: 1.0, material or not). */
export function nextPolicyVersion(latest: PolicyVersionNumber | null, material: boolean): PolicyVersionNumber {
  if (!latest) return { major: 1, minor: 0 };
  return material ? { major: latest.major + 1, minor: 0 } : { major: latest.major, minor: latest.minor + 1 };
}

export function comparePolicyVersions(a: PolicyVersionNumber, b: PolicyVersionNumber): number {
  return a.major - b.major || a.minor - b.minor;
}
