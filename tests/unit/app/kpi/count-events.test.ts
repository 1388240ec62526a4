import { describe, expect, it } from 'vitest';
import { countKpiEvents } from '../../../../shared/app/kpi/count-events.ts';
import type { CounterDeltas } from '../../../../shared/domain/kpi/kpi.ts';

const dossier = (status: string) => ({
  dossierCode: 'H56.17.22-261127-0001',
  agency: { code: '000.17.22.H56', name: 'UBND xã Hoằng Hóa', tier: 'commune' },
  channel: 'counter',
  status,
  receivedAt: '2026-11-27T09:00:00+07:00',
  dueAt: '2026-12-10T17:00:00+07:00',
});

function memoryPorts() {
  const applied: CounterDeltas[] = [];
  const lines: { message: string; fields: Record<string, unknown> }[] = [];
  const log = (message: string, fields: Record<string, unknown>) => lines.push({ message, fields });
  return {
    applied,
    lines,
    ports: {
      counters: {
        apply: async (deltas: CounterDeltas) => {
          applied.push(deltas);
          return deltas.flow.size + deltas.open.size;
        },
      },
      documentsTable: 'Documents',
      log: { info: log, warn: log, error: log },
    },
  };
}

describe('counting KPI events', () => {
  it('a batch becomes one set of deltas, a new dossier counted as received and open', async () => {
    const memory = memoryPorts();
    const result = await countKpiEvents(memory.ports, [
      { table: 'Dossiers', before: undefined, after: dossier('submitted') },
    ]);
    expect(memory.applied).toHaveLength(1);
    const flow = [...(memory.applied[0]?.flow.values() ?? [])];
    expect(flow).toContainEqual(
      expect.objectContaining({
        agencyCode: '000.17.22.H56',
        period: '2026-11-27',
        counts: expect.objectContaining({ received: 1, receivedCounter: 1 }),
      }),
    );
    expect([...(memory.applied[0]?.open.values() ?? [])]).toEqual([
      expect.objectContaining({ agencyCode: '000.17.22.H56', dueDay: '2026-12-10', count: 1 }),
    ]);
    expect(memory.lines).toEqual([
      { message: 'KPI counters updated', fields: { records: 1, writes: result.writes } },
    ]);
  });

  it('a change that moves no count writes nothing, and a document header is read as a document', async () => {
    const memory = memoryPorts();
    await countKpiEvents(memory.ports, [
      { table: 'Dossiers', before: dossier('submitted'), after: { ...dossier('submitted'), note: 'x' } },
      {
        table: 'Documents',
        before: undefined,
        after: {
          pk: 'doc#1',
          sk: 'header',
          senderOrganId: '000.00.22.H56',
          senderTier: 'province',
          sentAt: '2026-11-27T10:00:00+07:00',
        },
      },
    ]);
    const flow = [...(memory.applied[0]?.flow.values() ?? [])];
    expect(new Set(flow.map((cell) => cell.agencyCode))).toEqual(new Set(['000.00.22.H56']));
    expect(flow.map((cell) => cell.counts)).toContainEqual(expect.objectContaining({ documentsSent: 1 }));
    expect(memory.applied[0]?.open.size).toBe(0);
  });
});
