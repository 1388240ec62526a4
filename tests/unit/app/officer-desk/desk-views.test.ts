import { describe, expect, it } from 'vitest';
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
