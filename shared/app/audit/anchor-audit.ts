import type { Signature } from '../../contracts/signing.ts';
import type { AuditEntry } from '../../domain/audit/audit.ts';
import {
  type ChainHead,
  type Checkpoint,
  type CheckpointHeader,
  nextCheckpoint,
} from '../../domain/audit/audit-anchor.ts';
import { canonicalJson } from '../../domain/intake/receipt.ts';
import type { Log } from '../log.ts';

/**
 * A chain's mark with the partition it was found in: marks written under a smaller shard count stay
 * where they were, so they are cleared there, not where the chain's partition is now.
 */
export interface PendingMark {
  shard: string;
  chain: string;
}

/** Heads are read this many at a time: enough to be quick, few enough not to throttle. */
const HEAD_READS_IN_PARALLEL = 16;

export type AnchoringResult =
  | { checkpoint: null; chains: 0 }
  | { checkpoint: { number: number; createdAt: string; key: string }; chains: number; emptyChains: string[] };

export interface AnchoringPorts {
  /** The last entry of an audit chain. */
  chains: { head(chain: string): Promise<AuditEntry | undefined> };
  /**
   * The marks of chains appended to since they were last anchored, and the latest checkpoint's
   * number. A chain may have two marks, in different shards, after the shard count was raised.
   */
  pending: {
    touched(limit: number): Promise<PendingMark[]>;
    settle(mark: PendingMark, anchoredSeq: number): Promise<void>;
    latestCheckpoint(): Promise<number>;
    recordLatestCheckpoint(number: number): Promise<void>;
  };
  /** Write-once checkpoints; `create` answers false when that number exists already. */
  checkpoints: {
    get(number: number): Promise<Checkpoint | undefined>;
    create(checkpoint: Checkpoint): Promise<boolean>;
  };
  /** Where checkpoint `number` is kept, for the operator. */
  checkpointKey(number: number): string;
  /** Signs with the audit anchoring key. */
  sign(canonical: string): Promise<Signature>;
  maxChainsPerCheckpoint: number;
  log: Log;
  now(): Date;
}

/** The last checkpoint: from the recorded number, stepping forward over any written after it. */
async function latest(ports: AnchoringPorts): Promise<CheckpointHeader | undefined> {
  const recorded = await ports.pending.latestCheckpoint();
  let last: CheckpointHeader | undefined;
  if (recorded > 0) {
    last = (await ports.checkpoints.get(recorded))?.header;
    if (!last) throw new Error(`Checkpoint ${recorded} is recorded as the latest but does not exist`);
  }
  for (;;) {
    const next = await ports.checkpoints.get((last?.number ?? 0) + 1);
    if (!next) return last;
    last = next.header;
  }
}

async function anchor(ports: AnchoringPorts): Promise<AnchoringResult> {
  const { pending } = ports;
  const marks = await pending.touched(ports.maxChainsPerCheckpoint);
  if (marks.length === 0) return { checkpoint: null, chains: 0 };
  const touched = [...new Set(marks.map((mark) => mark.chain))].map((chain) => ({ chain }));
  const heads: ChainHead[] = [];
  const emptyChains: string[] = [];
  for (let start = 0; start < touched.length; start += HEAD_READS_IN_PARALLEL) {
    const batch = touched.slice(start, start + HEAD_READS_IN_PARALLEL);
    const read = await Promise.all(
      batch.map(async ({ chain }) => ({ chain, head: await ports.chains.head(chain) })),
    );
    for (const { chain, head } of read) {
      if (head) heads.push({ chain: head.chain, seq: head.seq, hash: head.hash });
      else emptyChains.push(chain);
    }
  }
  const built = nextCheckpoint(await latest(ports), heads, ports.now());
  const checkpoint: Checkpoint = { ...built, signature: await ports.sign(canonicalJson(built.header)) };
  if (!(await ports.checkpoints.create(checkpoint))) {
    throw new Error(`Checkpoint ${built.header.number} was written by another run; this run stops`);
  }
  await pending.recordLatestCheckpoint(built.header.number);
  // A marked chain without entries was deleted after its append; the verifier reports it against
  // the checkpoint that anchored it. Its mark stays cleared so it is not read again every run.
  const anchoredSeq = new Map<string, number>(heads.map((head) => [head.chain, head.seq]));
  for (const mark of marks)
    await pending.settle(mark, anchoredSeq.get(mark.chain) ?? Number.MAX_SAFE_INTEGER);
  return {
    checkpoint: {
      number: built.header.number,
      createdAt: built.header.createdAt,
      key: ports.checkpointKey(built.header.number),
    },
    chains: heads.length,
    emptyChains,
  };
}

/**
 * One run of the anchoring job: the chains marked since the last checkpoint, their current heads,
 * one signed checkpoint over them chained to the previous one, then the marks cleared. Chains
 * nobody touched stay covered by the checkpoint that holds their last head.
 */
export async function anchorAudit(ports: AnchoringPorts): Promise<AnchoringResult> {
  const result = await anchor(ports);
  if (result.checkpoint && result.emptyChains.length > 0) {
    ports.log.error('audit chains marked as appended have no entries', { chains: result.emptyChains });
  }
  ports.log.info('audit checkpoint', { checkpoint: result.checkpoint, chains: result.chains });
  return result;
}
