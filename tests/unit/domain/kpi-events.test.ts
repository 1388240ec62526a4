import { describe, expect, it } from 'vitest';
import { streamDeltas } from '../../../shared/domain/kpi/kpi-events.ts';

const header = {
  pk: 'doc#1',
  sk: 'header',
  senderOrganId: '000.00.01.H56',
  senderTier: 'province',
  sentAt: '2026-11-20T10:00:00+07:00',
  signature: { keyId: 'k', algorithm: 'ES256', value: 'sig', sha256: 'h' },
};

const dossier = {
  dossierCode: 'D1',
  agency: { code: '000.17.22.H56', name: 'UBND xã Quảng Bình', tier: 'commune' },
  receivedAt: '2026-11-16T09:00:00+07:00',
  dueAt: '2026-11-20T17:00:00+07:00',
  channel: 'online',
  status: 'submitted',
  attachments: [],
};

const dayCell = (deltas: ReturnType<typeof streamDeltas>, key: string) => deltas.flow.get(key)?.counts;

describe('stream images become counter deltas', () => {
  it('counts a sent header, signed when its signature has a value', () => {
    const deltas = streamDeltas([{ table: 'documents', before: undefined, after: header }]);
    expect(dayCell(deltas, '2026-11-20|000.00.01.H56')).toEqual({ documentsSent: 1, documentsSentSigned: 1 });
    const unsigned = streamDeltas([
      { table: 'documents', before: undefined, after: { ...header, signature: undefined } },
    ]);
    expect(dayCell(unsigned, '2026-11-20|000.00.01.H56')).toEqual({ documentsSent: 1 });
  });

  it('counts nothing for number markers, other items, or a header whose sender tier is unknown', () => {
    for (const after of [
      { ...header, pk: 'number#2026/ABC' },
      { ...header, sk: 'attachment#1' },
      { ...header, senderTier: 'galaxy' },
    ]) {
      expect(streamDeltas([{ table: 'documents', before: undefined, after }]).flow.size).toBe(0);
    }
  });

  it('counts a received dossier and drops an image missing what the facts need, or with an unknown tier', () => {
    const received = streamDeltas([{ table: 'dossiers', before: undefined, after: dossier }]);
    expect(dayCell(received, '2026-11-16|000.17.22.H56')).toMatchObject({ received: 1, receivedOnline: 1 });
    for (const after of [
      { ...dossier, agency: { ...dossier.agency, tier: 'galaxy' } },
      { ...dossier, channel: undefined },
      { ...dossier, receivedAt: '' },
    ]) {
      expect(streamDeltas([{ table: 'dossiers', before: undefined, after }]).flow.size).toBe(0);
    }
  });

  it('counts a dossier submitted online only when the desk receives it, on the day received, once', () => {
    const {
      receivedAt: _r,
      dueAt: _d,
      ...submitted
    } = { ...dossier, submittedAt: '2026-11-13T16:00:00+07:00' };
    const waiting = streamDeltas([{ table: 'dossiers', before: undefined, after: submitted }]);
    expect(waiting.flow.size).toBe(0);
    expect(waiting.open.size).toBe(0);
    const accepted = {
      ...submitted,
      status: 'accepted',
      receivedAt: '2026-11-16T09:00:00+07:00',
      dueAt: '2026-11-19T09:00:00+07:00',
    };
    const reception = streamDeltas([{ table: 'dossiers', before: submitted, after: accepted }]);
    expect(dayCell(reception, '2026-11-16|000.17.22.H56')).toMatchObject({ received: 1, receivedOnline: 1 });
    expect(dayCell(reception, '2026-11-13|000.17.22.H56')).toBeUndefined();
    const later = streamDeltas([
      { table: 'dossiers', before: accepted, after: { ...accepted, status: 'in_progress' } },
    ]);
    expect(dayCell(later, '2026-11-16|000.17.22.H56')?.received ?? 0).toBe(0);
  });
});
