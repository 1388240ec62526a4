import type { CheckpointStore } from '../../shared/adapters/audit-checkpoints.ts';
import type { AuditLog } from '../../shared/adapters/audit-log.ts';
import { type ChainVerdict, verifyAuditChain } from '../../shared/domain/audit/audit.ts';
import {
  type AnchoredChainVerdict,
  type CheckpointProblem,
  type CheckpointRef,
  verifyAnchoredChain,
  verifyCheckpoints,
} from '../../shared/domain/audit/audit-anchor.ts';
import { canonicalJson } from '../../shared/domain/intake/receipt.ts';
import { verifyWithPublicKey } from '../../shared/domain/signing/signature.ts';

/**
 * The links of the named chains, or of every chain in the table, on their own. This alone cannot
 * see a chain rewritten with recomputed hashes, cut short or deleted: see `verifyAnchoredAudit`.
 */
export async function verifyAuditChains(
  log: AuditLog,
  chains: readonly string[] = [],
): Promise<ChainVerdict[]> {
  if (chains.length > 0) {
    return Promise.all(chains.map(async (chain) => verifyAuditChain(chain, await log.entries(chain))));
  }
  return [...(await log.allChains())].map(([chain, entries]) => verifyAuditChain(chain, entries));
}

export interface AnchoredAuditReport {
  checkpoints: {
    count: number;
    latest: CheckpointRef | undefined;
    problems: CheckpointProblem[];
    /** Objects under the checkpoints prefix that are not a readable checkpoint under its own key. */
    unreadable: string[];
  };
  chains: AnchoredChainVerdict[];
  ok: boolean;
}

/**
 * Verifies the checkpoints (signature with the anchoring key's public half, chain of checkpoints,
 * Merkle roots), then the named chains, or every chain anchored or stored, against them.
 */
export async function verifyAnchoredAudit(
  log: AuditLog,
  store: CheckpointStore,
  anchorPublicKeyPem: string,
  chains: readonly string[] = [],
): Promise<AnchoredAuditReport> {
  const { checkpoints, unreadable } = await store.all();
  const verdict = verifyCheckpoints(
    checkpoints.map((checkpoint) => ({
      checkpoint,
      signatureValid:
        checkpoint.signature.algorithm === 'ECDSA_SHA_256' &&
        verifyWithPublicKey(anchorPublicKeyPem, canonicalJson(checkpoint.header), checkpoint.signature),
    })),
  );
  let entriesByChain: Map<string, Awaited<ReturnType<AuditLog['entries']>>>;
  if (chains.length > 0) {
    entriesByChain = new Map(
      await Promise.all(chains.map(async (chain) => [chain, await log.entries(chain)] as const)),
    );
  } else {
    entriesByChain = await log.allChains();
    for (const chain of verdict.anchors.keys()) if (!entriesByChain.has(chain)) entriesByChain.set(chain, []);
  }
  const verdicts = [...entriesByChain].map(([chain, entries]) =>
    verifyAnchoredChain(chain, entries, verdict.anchors.get(chain)),
  );
  return {
    checkpoints: {
      count: checkpoints.length,
      latest: verdict.latest,
      problems: verdict.problems,
      unreadable,
    },
    chains: verdicts,
    ok: verdict.problems.length === 0 && unreadable.length === 0 && verdicts.every((chain) => chain.intact),
  };
}
