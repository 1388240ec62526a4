import {
  type ChainHead,
  type Checkpoint,
  type CheckpointHeader,
  nextCheckpoint,
} from '../domain/audit-anchor.ts';
import { canonicalJson } from '../domain/receipt.ts';
import { type CheckpointStore, checkpointKey } from './audit-checkpoints.ts';
import type { AuditLog } from './audit-log.ts';
import type { AuditPending } from './audit-pending.ts';
import type { KmsSigner } from './signer.ts';

/** Heads are read this many at a time: enough to be quick, few enough not to throttle. */
const HEAD_READS_IN_PARALLEL = 16;

export type AnchoringResult =
  | { checkpoint: null; chains: 0 }
  | { checkpoint: { number: number; createdAt: string; key: string }; chains: number; emptyChains: string[] };

/**
 * One run of the anchoring job: the chains marked since the last checkpoint, their current heads,
 * one signed checkpoint over them chained to the previous one, then the marks cleared. Chains
 * nobody touched stay covered by the checkpoint that holds their last head.
 */
export class AuditAnchoring {
  constructor(
    private readonly log: AuditLog,
    private readonly pending: AuditPending,
    private readonly checkpoints: CheckpointStore,
    private readonly signer: KmsSigner,
    private readonly keyId: string,
  ) {}

  async run(now: Date, maxChains: number): Promise<AnchoringResult> {
    const touched = await this.pending.touched(maxChains);
    if (touched.length === 0) return { checkpoint: null, chains: 0 };
    const heads: ChainHead[] = [];
    const emptyChains: string[] = [];
    for (let start = 0; start < touched.length; start += HEAD_READS_IN_PARALLEL) {
      const batch = touched.slice(start, start + HEAD_READS_IN_PARALLEL);
      const read = await Promise.all(
        batch.map(async ({ chain }) => ({ chain, head: await this.log.head(chain) })),
      );
      for (const { chain, head } of read) {
        if (head) heads.push({ chain: head.chain, seq: head.seq, hash: head.hash });
        else emptyChains.push(chain);
      }
    }
    const previous = await this.latest();
    const built = nextCheckpoint(previous, heads, now);
    const signature = await this.signer.sign(this.keyId, canonicalJson(built.header));
    const checkpoint: Checkpoint = { ...built, signature };
    if (!(await this.checkpoints.create(checkpoint))) {
      throw new Error(`Checkpoint ${built.header.number} was written by another run; this run stops`);
    }
    await this.pending.recordLatestCheckpoint(built.header.number);
    for (const head of heads) await this.pending.settle(head.chain, head.seq);
    // A marked chain without entries was deleted after its append; the verifier reports it against
    // the checkpoint that anchored it. Its mark stays cleared so it is not read again every run.
    for (const chain of emptyChains) await this.pending.settle(chain, Number.MAX_SAFE_INTEGER);
    return {
      checkpoint: {
        number: built.header.number,
        createdAt: built.header.createdAt,
        key: checkpointKey(built.header.number),
      },
      chains: heads.length,
      emptyChains,
    };
  }

  /** The last checkpoint: from the recorded number, stepping forward over any written after it. */
  private async latest(): Promise<CheckpointHeader | undefined> {
    const recorded = await this.pending.latestCheckpoint();
    let latest: CheckpointHeader | undefined;
    if (recorded > 0) {
      latest = (await this.checkpoints.get(recorded))?.header;
      if (!latest) throw new Error(`Checkpoint ${recorded} is recorded as the latest but does not exist`);
    }
    for (;;) {
      const next = await this.checkpoints.get((latest?.number ?? 0) + 1);
      if (!next) return latest;
      latest = next.header;
    }
  }
}
