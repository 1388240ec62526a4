import { describe, expect, it } from 'vitest';
import { type ApologySweepPorts, draftApologies } from '../../../../shared/app/lifecycle/draft-apologies.ts';
import { type AuditEntry, nextAuditEntry, verifyAuditChain } from '../../../../shared/domain/audit/audit.ts';
import { vietnameseCivilServiceCalendar } from '../../../../shared/domain/calendar/holidays.ts';
import { DomainError } from '../../../../shared/domain/common/errors.ts';
import type { DossierRecord } from '../../../../shared/domain/lifecycle/dossier.ts';
import type { LifecycleOutcome } from '../../../../shared/domain/lifecycle/lifecycle.ts';
import { storedDossier } from '../dossier-fixture.ts';

/** Friday 27 November 2026, 10:00 in Vietnam. */
const NOW = '2026-11-27T10:00:00+07:00';

/** Dossiers and audit chains in memory; a dossier named in `changedMeanwhile` refuses its write once. */
function memoryPorts(
  dossiers: DossierRecord[],
  options: { changedMeanwhile?: string[]; failWith?: Error } = {},
) {
  const stored = new Map(dossiers.map((d) => [d.dossierCode, d]));
  const chains = new Map<string, AuditEntry[]>();
  const changed = new Set(options.changedMeanwhile ?? []);
  const lines: { message: string; fields: Record<string, unknown> }[] = [];
  const log = (message: string, fields: Record<string, unknown>) => lines.push({ message, fields });
  const ports: ApologySweepPorts = {
    dossiers: {
      async *all() {
        yield* stored.values();
      },
      applyLifecycle: async (dossier, outcome: LifecycleOutcome, entry) => {
        if (options.failWith) throw options.failWith;
        if (changed.delete(dossier.dossierCode))
          throw new DomainError('ILLEGAL_TRANSITION', {
            vi: 'Hồ sơ vừa được người khác cập nhật; vui lòng tải lại.',
            en: 'The dossier was changed by someone else meanwhile; reload it.',
          });
        stored.set(dossier.dossierCode, {
          ...dossier,
          ...outcome.state,
          history: [...dossier.history, outcome.history],
          version: dossier.version + 1,
        });
        chains.set(entry.chain, [...(chains.get(entry.chain) ?? []), entry]);
      },
    },
    audit: {
      next: async (chain, fields) => nextAuditEntry(chain, chains.get(chain)?.at(-1), fields),
    },
    calendar: vietnameseCivilServiceCalendar(),
    extensionWorkingDays: 1,
    log: { info: log, warn: log, error: log },
    now: () => new Date(NOW),
  };
  return { ports, stored, chains, lines };
}

const late = storedDossier({ dossierCode: 'H56-LATE', dueAt: '2026-11-26T17:00:00+07:00' });
/** Two working days (Monday and Tuesday) of office time left at NOW: the draft window has just opened. */
const dueTuesday = storedDossier({ dossierCode: 'H56-TUE', dueAt: '2026-12-01T10:00:00+07:00' });
/** One minute more than two working days left: not yet. */
const dueLater = storedDossier({ dossierCode: 'H56-LATER', dueAt: '2026-12-01T10:01:00+07:00' });

const summary = (memory: ReturnType<typeof memoryPorts>) =>
  memory.lines.filter((line) => line.message === 'apology sweep');

describe('the apology sweep', () => {
  it('a dossier past its appointment gets a form 04 draft without a reason, audited, and is flagged', async () => {
    const memory = memoryPorts([late]);
    expect(await draftApologies(memory.ports)).toEqual({ drafted: 1, raced: 0, lateWithoutApology: 1 });
    expect(memory.stored.get('H56-LATE')?.apology).toEqual({
      state: 'draft',
      draftedAt: NOW,
      draftedBy: 'system',
      missedDueAt: '2026-11-26T17:00:00+07:00',
      // One working day after now, the appointment having passed; Saturday and Sunday are not working days.
      proposedDueAt: '2026-11-30T10:00:00+07:00',
    });
    expect(memory.stored.get('H56-LATE')?.history.at(-1)).toEqual({
      status: 'in_progress',
      at: NOW,
      by: 'system',
      note: 'Sắp đến hạn hoặc quá hạn: dự thảo phiếu xin lỗi và hẹn lại (mẫu 04), chờ lý do và phê duyệt',
    });
    const chain = memory.chains.get('H56-LATE') ?? [];
    expect(chain.map((entry) => [entry.action, entry.actor])).toEqual([['draft_apology', 'system']]);
    expect(verifyAuditChain('H56-LATE', chain)).toMatchObject({ intact: true, length: 1 });
    expect(memory.lines).toEqual([
      {
        message: 'late without apology',
        fields: {
          dossierCode: 'H56-LATE',
          agency: '000.17.22.H56',
          dueAt: '2026-11-26T17:00:00+07:00',
          apology: 'none',
        },
      },
      { message: 'apology sweep', fields: { drafted: 1, raced: 0, lateWithoutApology: 1 } },
    ]);
  });

  it('drafts ahead of the appointment, from two working days before it, proposing a date after it', async () => {
    const memory = memoryPorts([dueTuesday, dueLater]);
    expect(await draftApologies(memory.ports)).toEqual({ drafted: 1, raced: 0, lateWithoutApology: 0 });
    expect(memory.stored.get('H56-TUE')?.apology).toMatchObject({
      state: 'draft',
      missedDueAt: '2026-12-01T10:00:00+07:00',
      proposedDueAt: '2026-12-02T10:00:00+07:00',
    });
    expect(memory.stored.get('H56-LATER')?.apology).toBeUndefined();
  });

  it('a second run drafts nothing again, nor for a paused or settled dossier; the late one stays flagged', async () => {
    const memory = memoryPorts([
      late,
      storedDossier({
        dossierCode: 'H56-PAUSED',
        dueAt: '2026-11-20T17:00:00+07:00',
        status: 'supplement_requested',
        clock: { pausedAt: '2026-11-19T09:00:00+07:00', remainingWorkingMinutes: 600 },
      }),
      storedDossier({ dossierCode: 'H56-DONE', dueAt: '2026-11-20T17:00:00+07:00', status: 'done' }),
    ]);
    await draftApologies(memory.ports);
    expect(await draftApologies(memory.ports)).toEqual({ drafted: 0, raced: 0, lateWithoutApology: 1 });
    expect([...memory.chains.keys()]).toEqual(['H56-LATE']);
  });

  it('a late dossier with an approved apology is not flagged', async () => {
    const approved = storedDossier({
      dossierCode: 'H56-APOLOGISED',
      dueAt: '2026-11-26T17:00:00+07:00',
      extendedDueAt: '2026-12-01T17:00:00+07:00',
      apology: {
        state: 'approved',
        draftedAt: '2026-11-24T10:00:00+07:00',
        reason: 'Chờ ý kiến cơ quan phối hợp',
        missedDueAt: '2026-11-26T17:00:00+07:00',
        proposedDueAt: '2026-12-01T17:00:00+07:00',
        newDueAt: '2026-12-01T17:00:00+07:00',
      },
    });
    const memory = memoryPorts([approved]);
    expect(await draftApologies(memory.ports)).toEqual({ drafted: 0, raced: 0, lateWithoutApology: 0 });
  });

  it('a dossier an officer changed meanwhile is counted as raced and left for the next run', async () => {
    const memory = memoryPorts([late], { changedMeanwhile: ['H56-LATE'] });
    expect(await draftApologies(memory.ports)).toMatchObject({ drafted: 0, raced: 1 });
    expect(memory.stored.get('H56-LATE')?.apology).toBeUndefined();
    expect(await draftApologies(memory.ports)).toMatchObject({ drafted: 1, raced: 0 });
  });

  it('any other failure stops the sweep', async () => {
    const memory = memoryPorts([late], { failWith: new Error('ProvisionedThroughputExceededException') });
    await expect(draftApologies(memory.ports)).rejects.toThrow('ProvisionedThroughputExceededException');
    expect(summary(memory)).toEqual([]);
  });
});
