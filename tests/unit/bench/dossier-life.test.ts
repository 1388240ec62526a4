import { describe, expect, it } from 'vitest';
import { buildDossierLife, floorDossier } from '../../../bench/lib/dossier-items.ts';
import { dossierLife, dossiersTable } from '../../../bench/lib/dossier-life.ts';
import { itemSize } from '../../../bench/lib/item-size.ts';
import { tallySteps } from '../../../bench/lib/pricing.ts';
import { TABLES } from '../../../shared/config/tables.ts';

const QUEUE_INDEX = TABLES.dossiers.indexes.queue.name;
const UNROUTED_INDEX = TABLES.dossiers.indexes.unrouted.name;

import { verifyAuditChain } from '../../../shared/domain/audit/audit.ts';

const life = await buildDossierLife();

describe('the typical dossier the cost model prices', () => {
  it('is built by the domain code: a settled dossier with a valid audit chain', () => {
    expect(life.stages.feedback.status).toBe('result_returned');
    expect(life.stages.created.awaitingRouting).toBeDefined();
    expect(life.stages.queued.awaitingRouting).toBeUndefined();
    expect(
      verifyAuditChain(
        life.audit[0]?.entry.chain ?? '',
        life.audit.map((a) => a.entry),
      ),
    ).toMatchObject({ intact: true, length: 8 });
  });

  it('grows with every write of its life, and the floor keeps the receipt once', () => {
    const sizes = Object.values(life.stages).map(itemSize);
    for (let i = 1; i < sizes.length; i += 1) expect(sizes[i]).toBeGreaterThanOrEqual(sizes[i - 1] ?? 0);
    // The receipt is signed when the desk receives the dossier.
    expect(life.stages.created.receipt).toBeUndefined();
    const receipt = life.stages.accepted.receipt as { canonical: string };
    expect(itemSize(floorDossier(life.stages.accepted))).toBeLessThan(itemSize(life.stages.accepted));
    expect(floorDossier(life.stages.accepted).receipt).toEqual({
      canonical: receipt.canonical,
      signature: (life.stages.accepted.receipt as { signature: unknown }).signature,
    });
  });

  it('reads the Dossiers indexes as the data stack declares them', () => {
    const now = dossiersTable('now');
    expect(now.indexes.map((index) => index.name)).toContain(QUEUE_INDEX);
    expect(now.indexes.find((index) => index.name === QUEUE_INDEX)?.projection).toBe('ALL');
    expect(now.indexes.find((index) => index.name === UNROUTED_INDEX)?.keys).toEqual([
      'awaitingRouting',
      'receivedAt',
    ]);
  });

  it('needs no more DynamoDB units nor requests at the floor than now, step by step', () => {
    const now = dossierLife(life, 'now');
    const floor = dossierLife(life, 'floor');
    for (const step of floor) {
      const current = now.find((s) => s.name === step.name);
      if (!current) continue;
      const [a, b] = [tallySteps([current]), tallySteps([step])];
      expect(b.readUnits, step.name).toBeLessThanOrEqual(a.readUnits);
      expect(b.writeUnits + b.indexWriteUnits, step.name).toBeLessThanOrEqual(
        a.writeUnits + a.indexWriteUnits,
      );
      expect(b.invocations + b.apiRequests, step.name).toBeLessThanOrEqual(a.invocations + a.apiRequests);
    }
    expect(tallySteps(floor).writeUnits).toBeLessThan(tallySteps(now).writeUnits);
  });
});
