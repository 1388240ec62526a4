import { createHash } from 'node:crypto';
import { canonicalJson } from '../intake/receipt.ts';

/**
 * A tamper-evident audit trail: each entry carries the hash of the one before it, so changing or
 * removing any entry breaks every later link. One chain per dossier keeps appends independent.
 */
export const AUDIT_KINDS = [
  'submission',
  'state_change',
  'personal_data_view',
  'download',
  'document_exchange',
  'mail',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditFields {
  kind: AuditKind;
  action: string;
  actor: string;
  at: string;
  details: Record<string, unknown>;
}

export interface AuditEntry extends AuditFields {
  chain: string;
  seq: number;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

function hashOf(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(entry), 'utf8').digest('hex');
}

/** The entry that follows `previous` (or starts the chain when there is none). */
export function nextAuditEntry(
  chain: string,
  previous: Pick<AuditEntry, 'seq' | 'hash'> | undefined,
  fields: AuditFields,
): AuditEntry {
  const unsigned = {
    chain,
    seq: (previous?.seq ?? 0) + 1,
    prevHash: previous?.hash ?? GENESIS_HASH,
    kind: fields.kind,
    action: fields.action,
    actor: fields.actor,
    at: fields.at,
    details: fields.details,
  };
  return { ...unsigned, hash: hashOf(unsigned) };
}

export type ChainVerdict =
  | { chain: string; intact: true; length: number }
  | { chain: string; intact: false; brokenAt: number; reason: string };

/** Walks a chain in order and reports the first link that does not hold. */
export function verifyAuditChain(chain: string, entries: readonly AuditEntry[]): ChainVerdict {
  const ordered = [...entries].sort((a, b) => a.seq - b.seq);
  let previousHash = GENESIS_HASH;
  for (const [index, entry] of ordered.entries()) {
    const expectedSeq = index + 1;
    if (entry.seq !== expectedSeq) {
      return { chain, intact: false, brokenAt: expectedSeq, reason: `entry ${expectedSeq} is missing` };
    }
    if (entry.prevHash !== previousHash) {
      return {
        chain,
        intact: false,
        brokenAt: entry.seq,
        reason: 'does not point to the hash of the previous entry',
      };
    }
    const { hash, ...unsigned } = entry;
    if (hashOf(unsigned) !== hash) {
      return {
        chain,
        intact: false,
        brokenAt: entry.seq,
        reason: 'content does not match its hash (altered)',
      };
    }
    previousHash = hash;
  }
  return { chain, intact: true, length: ordered.length };
}
