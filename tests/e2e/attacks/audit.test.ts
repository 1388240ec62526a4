import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AnchoredAuditReport,
  verifyAnchoredAudit,
  verifyAuditChains,
} from '../../../scripts/lib/audit.ts';
import { CheckpointStore } from '../../../shared/adapters/audit-checkpoints.ts';
import { AuditLog } from '../../../shared/adapters/audit-log.ts';
import { KmsSigner } from '../../../shared/adapters/signer.ts';
import type { AnchoringResult } from '../../../shared/app/audit/anchor-audit.ts';
import { type AuditEntry, nextAuditEntry } from '../../../shared/domain/audit/audit.ts';
import { api, dataOutput, dynamo, invokeFunction, submittedDossier } from '../../support/deployment.ts';

/**
 * Someone with write access to the Audit table (an operator, a leaked admin credential) rewrites
 * history: an entry changed with every later hash recomputed, the last entries removed, a whole
 * chain removed. The hash chain alone accepts all three; the signed checkpoints must not.
 */
const auditTable = dataOutput('AuditTableName');
const log = new AuditLog(auditTable);
const checkpoints = new CheckpointStore(dataOutput('AuditCheckpointsBucketName'));

async function dossierWithViews(views: number): Promise<string> {
  const { dossierCode, lookupSecret } = await submittedDossier();
  for (let view = 0; view < views; view += 1) {
    const lookup = await api(`/dossiers/${encodeURIComponent(dossierCode)}`, {
      headers: { 'x-lookup-secret': lookupSecret },
    });
    expect(lookup.status).toBe(200);
  }
  return dossierCode;
}

const sorted = async (chain: string) => (await log.entries(chain)).sort((a, b) => a.seq - b.seq);
const putEntry = (entry: AuditEntry) => dynamo.send(new PutCommand({ TableName: auditTable, Item: entry }));
const deleteEntry = (entry: AuditEntry) =>
  dynamo.send(new DeleteCommand({ TableName: auditTable, Key: { chain: entry.chain, seq: entry.seq } }));

describe('attacks on the audit trail: rewriting history in the table', () => {
  let publicKeyPem: string;
  let rewritten: string;
  let truncated: string;
  let deleted: string;
  let anchored: { number: number; createdAt: string };
  const verify = (chains: string[]): Promise<AnchoredAuditReport> =>
    verifyAnchoredAudit(log, checkpoints, publicKeyPem, chains);
  const verdictOf = (report: AnchoredAuditReport, chain: string) =>
    report.chains.find((verdict) => verdict.chain === chain);

  beforeAll(async () => {
    ({ publicKeyPem } = await new KmsSigner().publicKey(dataOutput('AuditAnchorKeyId')));
    rewritten = await dossierWithViews(3);
    truncated = await dossierWithViews(3);
    deleted = await dossierWithViews(3);
    const run = await invokeFunction<AnchoringResult>('Lifecycle', 'AuditAnchorFunctionName');
    if (!run.checkpoint) throw new Error('the anchoring run wrote no checkpoint');
    anchored = run.checkpoint;
  }, 240_000);

  it('anchors the chains appended to since the last checkpoint, and they verify against it', async () => {
    const report = await verify([rewritten, truncated, deleted]);
    expect(report.checkpoints.problems).toEqual([]);
    expect(report.checkpoints.unreadable).toEqual([]);
    for (const chain of [rewritten, truncated, deleted]) {
      expect(verdictOf(report, chain)).toEqual({
        chain,
        intact: true,
        length: 4,
        anchoredSeq: 4,
        anchoredBy: { number: anchored.number, createdAt: anchored.createdAt },
      });
    }
    // A run with nothing appended to these chains leaves them to the checkpoint that holds their head.
    const again = await invokeFunction<AnchoringResult>('Lifecycle', 'AuditAnchorFunctionName');
    if (again.checkpoint) {
      const later = await checkpoints.get(again.checkpoint.number);
      expect(later?.leaves.map((leaf) => leaf.chain)).not.toContain(rewritten);
    }
  });

  it('reports an entry rewritten with every later hash recomputed, naming the chain and the checkpoint', async () => {
    const entries = await sorted(rewritten);
    const forged: AuditEntry[] = entries.slice(0, 1);
    for (const entry of entries.slice(1)) {
      const { chain, seq: _seq, prevHash: _prevHash, hash: _hash, ...content } = entry;
      forged.push(
        nextAuditEntry(
          chain,
          forged.at(-1),
          entry.seq === 2 ? { ...content, actor: 'someone-else' } : content,
        ),
      );
    }
    for (const entry of forged.slice(1)) await putEntry(entry);

    // What the hash chain alone says (the verifier before checkpoints): nothing wrong.
    expect(await verifyAuditChains(log, [rewritten])).toEqual([
      { chain: rewritten, intact: true, length: 4 },
    ]);
    const report = await verify([rewritten]);
    expect(report.ok).toBe(false);
    expect(verdictOf(report, rewritten)).toEqual({
      chain: rewritten,
      intact: false,
      findings: [
        {
          rule: 'rewritten',
          reason: `entry 4 does not have the hash anchored by checkpoint ${anchored.number} (${anchored.createdAt}) (rewritten)`,
          checkpoint: { number: anchored.number, createdAt: anchored.createdAt },
        },
      ],
    });
  });

  it('reports a chain whose last entries were deleted', async () => {
    const entries = await sorted(truncated);
    for (const entry of entries.slice(2)) await deleteEntry(entry);

    expect(await verifyAuditChains(log, [truncated])).toEqual([
      { chain: truncated, intact: true, length: 2 },
    ]);
    expect(verdictOf(await verify([truncated]), truncated)).toEqual({
      chain: truncated,
      intact: false,
      findings: [
        {
          rule: 'truncated',
          reason: `chain ends at entry 2 but checkpoint ${anchored.number} (${anchored.createdAt}) anchored entry 4`,
          checkpoint: { number: anchored.number, createdAt: anchored.createdAt },
        },
      ],
    });
  });

  it('reports a chain that was deleted whole, also when no chain is named', async () => {
    for (const entry of await sorted(deleted)) await deleteEntry(entry);

    expect(await verifyAuditChains(log, [deleted])).toEqual([{ chain: deleted, intact: true, length: 0 }]);
    const expected = {
      chain: deleted,
      intact: false,
      findings: [
        {
          rule: 'deleted',
          reason: `chain is missing; entry 4 was anchored by checkpoint ${anchored.number} (${anchored.createdAt})`,
          checkpoint: { number: anchored.number, createdAt: anchored.createdAt },
        },
      ],
    };
    expect(verdictOf(await verify([deleted]), deleted)).toEqual(expected);
    const everything = await verify([]);
    expect(verdictOf(everything, deleted)).toEqual(expected);
    expect((await verifyAuditChains(log)).some((verdict) => verdict.chain === deleted)).toBe(false);
  });

  it('makes the verify command exit 1 and name each chain and the checkpoint', () => {
    const outputs = resolve(process.env.MOTCUA_OUTPUTS ?? '.local/outputs-local.json');
    const run = spawnSync('npx', ['tsx', 'scripts/verify-audit.ts', outputs, rewritten, truncated, deleted], {
      encoding: 'utf8',
      env: process.env,
    });
    expect(run.status, run.stderr).toBe(1);
    const checkpoint = `checkpoint ${anchored.number} (${anchored.createdAt})`;
    for (const chain of [rewritten, truncated, deleted]) {
      expect(run.stdout).toMatch(
        new RegExp(`^BROKEN ${chain}: .*${checkpoint.replace(/[().]/g, '\\$&')}`, 'm'),
      );
    }
    expect(run.stdout).toContain('3 chains checked, 0 intact (0 not yet anchored), 3 broken');
  });
});
