/**
 * Administrative tiers are configuration: the seeds (2016–2021) describe four tiers, while since
 * 1 July 2025 local government has two levels (no district). Both ship as profiles.
 */
export const TIER_PROFILES = {
  'four-tier-2016': ['commune', 'district', 'province', 'central'],
  'two-level-2025': ['commune', 'province', 'central'],
} as const satisfies Record<string, readonly string[]>;

export type TierProfileName = keyof typeof TIER_PROFILES;
export type Tier = 'commune' | 'district' | 'province' | 'central';

const isTierProfileName = (profile: string): profile is TierProfileName => profile in TIER_PROFILES;

export function tiersOf(profile: string): readonly Tier[] {
  if (!isTierProfileName(profile)) {
    throw new Error(
      `Unknown tier profile "${profile}"; expected one of ${Object.keys(TIER_PROFILES).join(', ')}`,
    );
  }
  return TIER_PROFILES[profile];
}
