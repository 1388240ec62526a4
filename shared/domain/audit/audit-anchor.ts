import { createHash } from 'node:crypto';
import * as z from 'zod';
import { canonicalJson } from '../intake/receipt.ts';
import { SignatureSchema } from '../signing/signed-document.ts';
import { type AuditEntry, verifyAuditChain } from './audit.ts';

/**
 * Anchoring the audit chains: a hash chain alone cannot show that it was rewritten and rehashed,
 * cut short or deleted, because whoever can write the table can recompute every link. So heads of
 * chains are signed in checkpoints kept in write-once storage, and the table is checked against them.
 */
export const CHECKPOINT_FORMAT = 'motcua.audit-checkpoint/v1' as const;

/**
 * Appends are recorded under one of these partitions of the pending table, so no partition is hot:
 * at about 28 write units per dossier (every view and download appends), 512 partitions of 1,000
 * units a second carry about 18,000 dossiers a second. Names keep at least two digits, so the names
 * of a smaller count are among those of a larger one: after the count is raised, the marks written
 * before are still read, and cleared where they were found (`PendingMark.shard`).
 */
export const PENDING_SHARDS = 512;

export function pendingShardOf(chain: string): string {
  return pendingShardName(
    createHash('sha256').update(chain, 'utf8').digest().readUInt16BE(0) % PENDING_SHARDS,
  );
}

export function pendingShardName(shard: number): string {
  return `p#${String(shard).padStart(2, '0')}`;
}

export const ChainHeadSchema = z.object({
  chain: z.string().min(1),
  seq: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ChainHead = z.infer<typeof ChainHeadSchema>;

export const CheckpointHeaderSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  number: z.number().int().min(1),
  createdAt: z.string(),
  /** The hash of the previous checkpoint's header, or null for the first checkpoint. */
  previous: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  root: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(0),
});
export type CheckpointHeader = z.infer<typeof CheckpointHeaderSchema>;

export const CheckpointSchema = z.object({
  header: CheckpointHeaderSchema,
  /** KMS signature over the canonical JSON of the header; the leaves are bound to it by the root. */
  signature: SignatureSchema,
  leaves: z.array(ChainHeadSchema),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

// RFC 6962 (Certificate Transparency) tree hashing: distinct prefixes for leaves and inner nodes, so
// no leaf can pass for a node, and an unbalanced tree splits at the largest power of two below n.
const sha256 = (...parts: Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export function leafHash(head: ChainHead): Buffer {
  return sha256(
    LEAF,
    Buffer.from(canonicalJson({ chain: head.chain, seq: head.seq, hash: head.hash }), 'utf8'),
  );
}

function splitPoint(size: number): number {
  let k = 1;
  while (k * 2 < size) k *= 2;
  return k;
}

export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  const [only] = leaves;
  if (leaves.length === 1 && only) return only;
  const k = splitPoint(leaves.length);
  return sha256(NODE, merkleRoot(leaves.slice(0, k)), merkleRoot(leaves.slice(k)));
}

/** The audit path of leaf `index`: the sibling hashes from the leaf up to the root. */
export function merkleProof(leaves: readonly Buffer[], index: number): Buffer[] {
  if (index < 0 || index >= leaves.length) throw new RangeError(`no leaf ${index} of ${leaves.length}`);
  if (leaves.length === 1) return [];
  const k = splitPoint(leaves.length);
  return index < k
    ? [...merkleProof(leaves.slice(0, k), index), merkleRoot(leaves.slice(k))]
    : [...merkleProof(leaves.slice(k), index - k), merkleRoot(leaves.slice(0, k))];
}

/** Whether `leaf` is leaf `index` of a tree of `size` leaves with this root (RFC 9162 §2.1.3.2). */
export function verifyMerkleProof(
  leaf: Buffer,
  index: number,
  size: number,
  proof: readonly Buffer[],
  root: Buffer,
): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let hash = leaf;
  for (const sibling of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      hash = sha256(NODE, sibling, hash);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      hash = sha256(NODE, hash, sibling);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && hash.equals(root);
}

/** Leaves in one order (by chain), so the same heads always give the same root. */
export function sortedHeads(heads: readonly ChainHead[]): ChainHead[] {
  return [...heads].sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
}

export function rootOf(heads: readonly ChainHead[]): string {
  return merkleRoot(heads.map(leafHash)).toString('hex');
}

/** The hash that the next checkpoint carries as `previous`. */
export function checkpointHash(header: CheckpointHeader): string {
  return createHash('sha256').update(canonicalJson(header), 'utf8').digest('hex');
}

/** The next checkpoint's header and leaves, before signing. */
export function nextCheckpoint(
  previous: CheckpointHeader | undefined,
  heads: readonly ChainHead[],
  createdAt: Date,
): { header: CheckpointHeader; leaves: ChainHead[] } {
  const leaves = sortedHeads(heads);
  return {
    header: {
      format: CHECKPOINT_FORMAT,
      number: (previous?.number ?? 0) + 1,
      createdAt: createdAt.toISOString(),
      previous: previous ? checkpointHash(previous) : null,
      root: rootOf(leaves),
      size: leaves.length,
    },
    leaves,
  };
}

/** How a report names a checkpoint: its number and when it was made. */
export interface CheckpointRef {
  number: number;
  createdAt: string;
}
const refOf = (header: CheckpointHeader): CheckpointRef => ({
  number: header.number,
  createdAt: header.createdAt,
});
export function describeCheckpoint(ref: CheckpointRef): string {
  return `checkpoint ${ref.number} (${ref.createdAt})`;
}

export interface CheckpointProblem {
  checkpoint: CheckpointRef;
  reason: string;
}

/** What the checkpoints say about one chain: every head anchored for it, oldest first. */
export interface AnchoredHead extends ChainHead {
  checkpoint: CheckpointRef;
}

export interface CheckpointVerdict {
  problems: CheckpointProblem[];
  anchors: Map<string, AnchoredHead[]>;
  latest: CheckpointRef | undefined;
}

/**
 * Checks the checkpoints as a chain (numbers 1…n without gaps or forks, each pointing to the hash
 * of the one before), each one's signature and root, and collects the heads they anchor per chain.
 * `signatureValid` is decided by the caller, who holds the anchoring key's public half.
 */
export function verifyCheckpoints(
  checkpoints: readonly { checkpoint: Checkpoint; signatureValid: boolean }[],
): CheckpointVerdict {
  const ordered = [...checkpoints].sort((a, b) => a.checkpoint.header.number - b.checkpoint.header.number);
  const problems: CheckpointProblem[] = [];
  const anchors = new Map<string, AnchoredHead[]>();
  let previous: CheckpointHeader | undefined;
  for (const { checkpoint, signatureValid } of ordered) {
    const { header, leaves } = checkpoint;
    const ref = refOf(header);
    const problem = (reason: string) => problems.push({ checkpoint: ref, reason });
    if (!signatureValid) problem('signature does not verify with the anchoring key');
    const expectedNumber = (previous?.number ?? 0) + 1;
    if (previous && header.number === previous.number) {
      problem(`a second checkpoint with number ${header.number} (fork)`);
      continue;
    }
    if (header.number !== expectedNumber) {
      problem(`checkpoints ${expectedNumber}–${header.number - 1} are missing`);
    } else if (header.previous !== (previous ? checkpointHash(previous) : null)) {
      problem(
        previous
          ? `does not point to the hash of checkpoint ${previous.number}`
          : 'is the first checkpoint but points to a previous one',
      );
    }
    if (header.size !== leaves.length || header.root !== rootOf(leaves)) {
      problem('its manifest does not match its signed Merkle root');
    } else {
      for (const leaf of leaves) {
        anchors.set(leaf.chain, [...(anchors.get(leaf.chain) ?? []), { ...leaf, checkpoint: ref }]);
      }
    }
    previous = header;
  }
  return { problems, anchors, latest: previous ? refOf(previous) : undefined };
}

export type AnchorRule = 'deleted' | 'truncated' | 'rewritten' | 'anchor_regressed' | 'broken_link';

export interface ChainFinding {
  rule: AnchorRule;
  reason: string;
  checkpoint?: CheckpointRef;
}

export type AnchoredChainVerdict =
  | {
      chain: string;
      intact: true;
      length: number;
      anchoredSeq: number | undefined;
      anchoredBy?: CheckpointRef;
    }
  | { chain: string; intact: false; findings: ChainFinding[] };

/**
 * Checks one chain as stored against every head the checkpoints anchored for it: the chain must
 * exist, be at least as long as anchored, hold at each anchored position the anchored hash, and
 * link correctly from the genesis to its last entry (which covers entries appended since).
 */
export function verifyAnchoredChain(
  chain: string,
  entries: readonly AuditEntry[],
  anchors: readonly AnchoredHead[] = [],
): AnchoredChainVerdict {
  const findings: ChainFinding[] = [];
  const bySeq = new Map(entries.map((entry) => [entry.seq, entry]));
  const length = entries.reduce((max, entry) => Math.max(max, entry.seq), 0);
  const latest = anchors.reduce<AnchoredHead | undefined>(
    (best, anchor) => (best === undefined || anchor.seq >= best.seq ? anchor : best),
    undefined,
  );
  if (latest && entries.length === 0) {
    findings.push({
      rule: 'deleted',
      reason: `chain is missing; entry ${latest.seq} was anchored by ${describeCheckpoint(latest.checkpoint)}`,
      checkpoint: latest.checkpoint,
    });
    return { chain, intact: false, findings };
  }
  if (latest && length < latest.seq) {
    findings.push({
      rule: 'truncated',
      reason: `chain ends at entry ${length} but ${describeCheckpoint(latest.checkpoint)} anchored entry ${latest.seq}`,
      checkpoint: latest.checkpoint,
    });
  }
  for (const [index, anchor] of anchors.entries()) {
    const earlier = anchors[index - 1];
    if (earlier && anchor.seq < earlier.seq) {
      findings.push({
        rule: 'anchor_regressed',
        reason: `${describeCheckpoint(anchor.checkpoint)} anchored entry ${anchor.seq} after ${describeCheckpoint(earlier.checkpoint)} had anchored entry ${earlier.seq}`,
        checkpoint: anchor.checkpoint,
      });
    }
    const entry = bySeq.get(anchor.seq);
    if (entry && entry.hash !== anchor.hash) {
      findings.push({
        rule: 'rewritten',
        reason: `entry ${anchor.seq} does not have the hash anchored by ${describeCheckpoint(anchor.checkpoint)} (rewritten)`,
        checkpoint: anchor.checkpoint,
      });
    }
  }
  const links = verifyAuditChain(chain, entries);
  if (!links.intact) {
    findings.push({ rule: 'broken_link', reason: `entry ${links.brokenAt} ${links.reason}` });
  }
  if (findings.length > 0) return { chain, intact: false, findings };
  return {
    chain,
    intact: true,
    length,
    anchoredSeq: latest?.seq,
    ...(latest ? { anchoredBy: latest.checkpoint } : {}),
  };
}
