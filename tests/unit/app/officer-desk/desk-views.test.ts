import { describe, expect, it } from 'vitest';
import { listQueue } from '../../../../shared/app/officer-desk/list-queue.ts';
import { viewDossier } from '../../../../shared/app/officer-desk/view-dossier.ts';
import { weekendsOnlyCalendar } from '../../../../shared/domain/calendar/calendar.ts';
import type { DossierRecord } from '../../../../shared/domain/lifecycle/dossier.ts';
import { memoryProcesses } from '../fixtures.ts';
import { commune, district, dossier, memoryAudit, memoryClock, memoryLog } from '../memory.ts';

const officer = {
  id: 'sub-7',
  username: 'can-bo-le',
  agencyCode: commune.code,
  roles: ['tiep_nhan', 'chuyen_vien'] as const,
};

describe("an officer's view of a dossier", () => {
  function ports(held: DossierRecord[]) {
    const { audit, chains } = memoryAudit();
    const { log, lines } = memoryLog();
    const byCode = new Map(held.map((record) => [record.dossierCode, record]));
    const clock = memoryClock();
    return {
      ports: {
        dossiers: { get: async (code: string) => byCode.get(code) },
        audit,
        calendar: weekendsOnlyCalendar,
        processes: memoryProcesses(),
        log,
        now: clock.now,
      },
      chains,
      lines,
    };
  }

  it('puts the view of personal data on the audit trail before answering it', async () => {
    const { ports: memory, chains, lines } = ports([dossier()]);
    const view = await viewDossier(memory, { dossierCode: dossier().dossierCode, officer, unit: commune });
    expect(view.applicant).toMatchObject({ idNumber: '038190000123' });
    expect(chains.get(dossier().dossierCode)).toEqual([
      expect.objectContaining({
        kind: 'personal_data_view',
        action: 'officer_view',
        actor: 'can-bo-le',
        at: '2026-12-01T09:00:00+07:00',
        details: { agency: commune.code },
      }),
    ]);
    expect(lines.map((line) => line.message)).toEqual(['personal data viewed']);
  });

  it('shows nothing of a dossier another unit holds, and logs no view', async () => {
    const held = dossier({ currentAgency: district, currentAgencyCode: district.code });
    const { ports: memory, chains } = ports([held]);
    await expect(
      viewDossier(memory, { dossierCode: held.dossierCode, officer, unit: commune }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(chains.size).toBe(0);
  });

  it('a unit sees what was handed to its former code', async () => {
    const held = dossier({ currentAgencyCode: '000.18.22.H56' });
    const { ports: memory } = ports([held]);
    const unit = { ...commune, aliases: ['000.18.22.H56'] };
    await expect(
      viewDossier(memory, { dossierCode: held.dossierCode, officer, unit }),
    ).resolves.toMatchObject({
      dossierCode: held.dossierCode,
    });
  });
});

describe("a unit's queue", () => {
  const held = [
    dossier({ dossierCode: 'A', status: 'accepted', dueAt: '2026-11-28T08:00:00+07:00' }),
    dossier({ dossierCode: 'B', status: 'in_progress', dueAt: '2026-12-02T16:00:00+07:00' }),
    dossier({ dossierCode: 'C', status: 'in_progress', dueAt: '2026-12-20T08:00:00+07:00' }),
    dossier({ dossierCode: 'D', status: 'submitted', currentAgencyCode: '000.18.22.H56' }),
    dossier({ dossierCode: 'E', status: 'in_progress', currentAgencyCode: district.code }),
  ];
  const asked: { code: string; dueBefore: string | undefined }[] = [];
  const ports = {
    dossiers: {
      queue: async (code: string, dueBefore?: string) => {
        asked.push({ code, dueBefore });
        return held.filter(
          (d) =>
            d.currentAgencyCode === code && (!dueBefore || (d.dueAt !== undefined && d.dueAt <= dueBefore)),
        );
      },
    },
    calendar: weekendsOnlyCalendar,
    now: memoryClock('2026-12-01T09:00:00+07:00').now,
  };
  const unit = { ...commune, aliases: ['000.18.22.H56'] };

  it('holds what the unit holds under its code and its former codes', async () => {
    const queue = await listQueue(ports, unit, {});
    expect(queue.agencyCode).toBe(commune.code);
    expect(queue.dossiers.map((entry) => entry.dossierCode).sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('filters by status, and by late or due within two working days', async () => {
    expect(
      (await listQueue(ports, unit, { status: 'in_progress' })).dossiers.map((e) => e.dossierCode),
    ).toEqual(['B', 'C']);
    asked.length = 0;
    expect((await listQueue(ports, unit, { due: 'late' })).dossiers.map((e) => e.dossierCode)).toEqual(['A']);
    expect(asked[0]?.dueBefore).toBe('2026-12-01T09:00:00+07:00');
    expect((await listQueue(ports, unit, { due: 'soon' })).dossiers.map((e) => e.dossierCode)).toEqual([
      'A',
      'B',
    ]);
  });
});
