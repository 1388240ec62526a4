import type { Tier } from './tiers.ts';

/** QCVN 102:2016 layout, level-1 group on the right: `000.17.22.H56`. */
const QCVN_102_LAYOUT = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
/** Decision 20/2020/QĐ-TTg layout, level-1 group on the left: `H55.242`. */
const DECISION_20_LAYOUT = /^[A-Z]\d{2}(\.\d{1,3}){1,8}$/;
const MAX_AGENCY_CODE_LENGTH = 35;

export function isAgencyCode(code: string): boolean {
  return (
    code.length <= MAX_AGENCY_CODE_LENGTH && (QCVN_102_LAYOUT.test(code) || DECISION_20_LAYOUT.test(code))
  );
}

export interface Agency {
  code: string;
  name: string;
  tier: Tier;
  parentCode?: string;
  officialEmail: string;
}
