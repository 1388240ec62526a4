import { describe, expect, it } from 'vitest';
import {
  type ResendPorts,
  resendUnrouted,
  type UnroutedDossier,
} from '../../../../shared/app/routing/resend-unrouted.ts';
import type { Tier } from '../../../../shared/domain/agencies/tiers.ts';
import type { DossierArrivalMessage } from '../../../../shared/domain/lifecycle/dossier.ts';

const NOW = '2026-12-01T08:00:00+07:00';

const unrouted = (
  code: string,
  submittedAt: string,
  tier: Tier = 'commune',
  overrides: Partial<UnroutedDossier> = {},
): UnroutedDossier => ({
  dossierCode: code,
  submittedAt,
  status: 'submitted',
  channel: 'online',
  agency: { code: '000.17.22.H56', name: 'UBND xã Hoằng Hóa', tier },
  routing: { tier },
  ...overrides,
});

function memoryPorts(dossiers: UnroutedDossier[], tiersWithQueues: Tier[] = ['commune', 'district']) {
  const sent: { message: DossierArrivalMessage; attempt: string }[] = [];
  const queued = new Map<string, string>();
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const log = (level: string) => (message: string, fields: Record<string, unknown>) =>
    lines.push({ level, message, fields });
  const ports: ResendPorts = {
    dossiers: {
      async *awaitingRouting(before) {
        for (const dossier of dossiers)
          if (Date.parse(dossier.submittedAt ?? '') < Date.parse(before)) yield dossier;
      },
      markQueued: async (code, at) => {
        queued.set(code, at);
      },
    },
    tierQueues: {
      has: (tier) => tiersWithQueues.includes(tier),
      send: async (message, attempt) => {
        sent.push({ message, attempt });
      },
    },
    graceMs: 5 * 60_000,
    log: { info: log('info'), warn: log('warn'), error: log('error') },
    now: () => new Date(NOW),
  };
  return { ports, sent, queued, lines };
}

describe('re-sending unrouted dossiers', () => {
  it('routes a dossier stored past the grace period and marks it queued, under a fresh attempt name', async () => {
    const memory = memoryPorts([
      unrouted('H56-0001', '2026-12-01T07:50:00+07:00'),
      // Its intake request may still be queueing it.
      unrouted('H56-0002', '2026-12-01T07:58:00+07:00'),
      // An officer already took it up.
      unrouted('H56-0003', '2026-12-01T07:00:00+07:00', 'commune', { status: 'accepted' }),
    ]);
    expect(await resendUnrouted(memory.ports)).toEqual({ resent: 1 });
    expect(memory.sent).toEqual([
      {
        message: {
          type: 'dossier.received',
          dossierCode: 'H56-0001',
          agencyCode: '000.17.22.H56',
          tier: 'commune',
          sentAt: NOW,
        },
        attempt: `resend-${Date.parse(NOW)}`,
      },
    ]);
    expect([...memory.queued]).toEqual([['H56-0001', NOW]]);
    expect(memory.lines.at(-1)).toEqual({
      level: 'info',
      message: 'unrouted dossiers re-sent',
      fields: { resent: 1 },
    });
  });

  it('a dossier of a tier without a queue is logged as an error and left for later', async () => {
    const memory = memoryPorts([unrouted('H56-0004', '2026-12-01T07:00:00+07:00', 'central')]);
    expect(await resendUnrouted(memory.ports)).toEqual({ resent: 0 });
    expect(memory.queued.size).toBe(0);
    expect(memory.lines[0]).toEqual({
      level: 'error',
      message: 'no queue for the tier of a stored dossier',
      fields: { dossierCode: 'H56-0004', tier: 'central' },
    });
  });
});
