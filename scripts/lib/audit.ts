import type { AuditLog } from '../../shared/adapters/audit-log.ts';
import { type ChainVerdict, verifyAuditChain } from '../../shared/domain/audit.ts';

/** Verifies the named chains, or every chain in the table when none are named. */
export async function verifyAuditChains(
  log: AuditLog,
  chains: readonly string[] = [],
): Promise<ChainVerdict[]> {
  if (chains.length > 0) {
    return Promise.all(chains.map(async (chain) => verifyAuditChain(chain, await log.entries(chain))));
  }
  return [...(await log.allChains())].map(([chain, entries]) => verifyAuditChain(chain, entries));
}
