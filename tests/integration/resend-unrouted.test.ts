import { describe, expect, it } from 'vitest';
import { toVietnamIso } from '../../shared/domain/calendar/time.ts';
import type { DossierRecord } from '../../shared/domain/lifecycle/dossier.ts';
import {
  invokeFunction,
  readDossier,
  rewriteStoredDossier,
  submittedDossier,
  waitFor,
} from '../support/deployment.ts';

const read = async (dossierCode: string) => (await readDossier(dossierCode)) as DossierRecord;

/**
 * A routed dossier put back into the state intake leaves when SQS is unreachable: submitted ten
 * minutes ago (the sparse index and the sweep go by `submittedAt`: an online dossier has no
 * `receivedAt` before the desk receives it), never queued, still in the index awaiting routing.
 */
async function unroutedDossier(status?: DossierRecord['status'], shard?: string): Promise<string> {
  const { dossierCode } = await submittedDossier({ procedureCode: '1.001612.000.00.00.H56' });
  const routed = await waitFor(async () => {
    const dossier = await read(dossierCode);
    return dossier.routing.acknowledgedAt ? dossier : undefined;
  }, 'the first routing');
  // Queued and arrived: no longer in the sparse index the sweep reads.
  expect(routed.status).toBe('submitted');
  expect(routed.receivedAt).toBeUndefined();
  expect((routed as DossierRecord & { awaitingRouting?: string }).awaitingRouting).toBeUndefined();
  await rewriteStoredDossier(dossierCode, {
    UpdateExpression: `SET submittedAt = :earlier, awaitingRouting = :shard${status ? ', #status = :status' : ''} REMOVE #routing.queuedAt, #routing.arrivedAt, #routing.acknowledgedAt`,
    ExpressionAttributeNames: { '#routing': 'routing', ...(status ? { '#status': 'status' } : {}) },
    ExpressionAttributeValues: {
      ':earlier': toVietnamIso(new Date(Date.now() - 10 * 60_000)),
      ':shard': shard ?? routed.kpiShard,
      ...(status ? { ':status': status } : {}),
    },
  });
  return dossierCode;
}

describe('dossiers stored but never queued are routed later', () => {
  it('the scheduled re-send routes a dossier whose queueing failed at intake, not one already taken up', async () => {
    const dossierCode = await unroutedDossier();
    const takenUp = await unroutedDossier('in_progress');
    const result = await invokeFunction<{ resent: number }>('Routing', 'ResendUnroutedFunctionName');
    expect(result.resent).toBeGreaterThanOrEqual(1);
    expect((await read(takenUp)).routing.queuedAt).toBeUndefined();
    const routed = await waitFor(async () => {
      const dossier = await read(dossierCode);
      return dossier.routing.acknowledgedAt ? dossier : undefined;
    }, 'the re-sent dossier to be acknowledged');
    expect(routed.routing.queuedAt).toBeDefined();
    expect(routed.routing.tier).toBe('district');
  });

  it('reads every index shard: one a dossier kept from when there were 8, and the last of the 64', async () => {
    const codes = [await unroutedDossier(undefined, '3'), await unroutedDossier(undefined, '63')];
    await invokeFunction<{ resent: number }>('Routing', 'ResendUnroutedFunctionName');
    for (const dossierCode of codes)
      await waitFor(async () => {
        const dossier = await read(dossierCode);
        return dossier.routing.acknowledgedAt ? dossier : undefined;
      }, `the re-sent dossier ${dossierCode} to be acknowledged`);
  });
});
