import { describe, expect, it } from 'vitest';
import { projectedEntry, readCost } from '../../../bench/lib/capacity.ts';
import { buildDossierLife, floorDossier } from '../../../bench/lib/dossier-items.ts';
import { ASSUMPTIONS, dossierLife, dossiersTable, type Step } from '../../../bench/lib/dossier-life.ts';
import { itemSize } from '../../../bench/lib/item-size.ts';
import { tallySteps } from '../../../bench/lib/pricing.ts';
import { TABLES } from '../../../shared/config/tables.ts';
import { verifyAuditChain } from '../../../shared/domain/audit/audit.ts';
import { kpiFactsOf } from '../../../shared/domain/kpi/kpi.ts';
import { deadlineWatch } from '../../../shared/domain/lifecycle/deadline-alerts.ts';
import type { DossierRecord } from '../../../shared/domain/lifecycle/dossier.ts';
import {
  QUEUE_INDEX_ATTRIBUTES,
  QUEUE_SHARDS,
  queueAttributes,
} from '../../../shared/domain/officers/work-queue.ts';

const INDEXES = TABLES.dossiers.indexes;
const QUEUE_INDEX = INDEXES.queue.name;
const UNROUTED_INDEX = INDEXES.unrouted.name;

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
    expect(now.keys).toEqual([TABLES.dossiers.partitionKey.name]);
    expect(now.indexes.map((index) => index.name)).toEqual(Object.values(INDEXES).map((index) => index.name));
    expect(now.indexes.find((index) => index.name === QUEUE_INDEX)).toEqual({
      name: QUEUE_INDEX,
      keys: ['queuePartition', 'queueKey'],
      projection: [...QUEUE_INDEX_ATTRIBUTES],
    });
    expect(now.indexes.find((index) => index.name === UNROUTED_INDEX)?.keys).toEqual([
      'awaitingRouting',
      'submittedAt',
    ]);
    expect(now.indexes.find((index) => index.name === INDEXES.byIdDigest.name)).toEqual({
      name: INDEXES.byIdDigest.name,
      keys: ['idDigest'],
      projection: 'KEYS_ONLY',
    });
    expect(now.indexes.some((index) => index.projection === 'ALL')).toBe(false);
  });

  it('carries at every stage the attributes the store writes with the dossier', () => {
    const { created, accepted, returned } = life.stages;
    expect(created).toMatchObject({ searchName: 'hoa nguyen thi', applicantName: 'Nguyễn Thị Hoa' });
    expect(created.idDigest).toMatch(/^[\w-]{43}$/);
    expect(created.idDigests).toEqual([created.idDigest]);
    for (const item of Object.values(life.stages)) {
      const state = item as unknown as DossierRecord;
      expect(item.queueKey).toBe(queueAttributes(state).queueKey);
      expect(item.nextDeadline).toBe(deadlineWatch(state).nextDeadline);
      expect(item.kpiFacts).toEqual(kpiFactsOf(item));
      expect(Object.values(item)).not.toContain(undefined);
    }
    expect(String(created.queueKey).charAt(0)).toBe('0');
    expect(String(accepted.queueKey).charAt(0)).toBe('1');
    expect(String(returned.queueKey).charAt(0)).toBe('2');
  });

  it('never gives the floor an index entry larger than now', () => {
    const [now, floor] = [dossiersTable('now'), dossiersTable('floor')];
    for (const [stage, item] of Object.entries(life.stages)) {
      for (const index of floor.indexes) {
        const current = now.indexes.find((i) => i.name === index.name);
        if (!current) continue;
        const ours = projectedEntry(floor, index, floorDossier(item));
        const theirs = projectedEntry(now, current, item);
        expect(ours ? itemSize(ours) : 0, `${index.name} at ${stage}`).toBeLessThanOrEqual(
          theirs ? itemSize(theirs) : 0,
        );
      }
    }
  });

  it('prices the queue page on entries of the queue index as it projects them', () => {
    const now = dossiersTable('now');
    const queue = now.indexes.find((index) => index.name === QUEUE_INDEX);
    const entry = queue && projectedEntry(now, queue, life.stages.arrived);
    expect(entry && Object.keys(entry).sort()).toEqual(
      Object.keys(life.stages.arrived)
        .filter((name) =>
          ['dossierCode', 'queuePartition', 'queueKey', ...QUEUE_INDEX_ATTRIBUTES].includes(name),
        )
        .sort(),
    );
    const page = dossierLife(life, 'now').find((step) => step.name === 'Officer: GET /officer/queue');
    const queries = page?.calls.filter(
      (call) => call.service === 'DynamoDB' && call.table === 'Dossiers' && call.op === 'Query',
    );
    // One query per partition of the unit, each for the entries it holds of the unit's queue.
    expect(queries).toHaveLength(QUEUE_SHARDS);
    for (const query of queries ?? [])
      expect(query).toMatchObject({
        read: readCost(
          Array.from({ length: Math.ceil(ASSUMPTIONS.queueLength / QUEUE_SHARDS) }, () => entry ?? {}),
          'eventual',
        ),
      });
  });

  it('needs no more DynamoDB units nor requests at the floor than now, step by step', () => {
    // The floor writes no `markQueued`: the arrival removes the unrouted index's entry instead, so
    // intake and routing are compared together.
    const INTAKE = 'Intake: POST /dossiers (Idempotency-Key)';
    const ROUTING = 'Routing: tier consumer records arrival, queues the submission mail';
    const merged = (steps: Step[]) => {
      const intake = steps.find((s) => s.name === INTAKE);
      const routing = steps.find((s) => s.name === ROUTING);
      if (!intake || !routing) throw new Error('The life lost its intake or routing');
      return [
        {
          ...intake,
          name: `${INTAKE} + routing`,
          apiRequests: intake.apiRequests + routing.apiRequests,
          invocations: intake.invocations + routing.invocations,
          calls: [...intake.calls, ...routing.calls],
        },
        ...steps.filter((s) => s !== intake && s !== routing),
      ];
    };
    const now = merged(dossierLife(life, 'now'));
    const floor = merged(dossierLife(life, 'floor'));
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
