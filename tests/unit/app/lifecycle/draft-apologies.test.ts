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
const onTime = storedDossier({ dossierCode: 'H56-ONTIME', dueAt: '2026-11-27T17:00:00+07:00' });

describe('the apology sweep', () => {
  it('a dossier past its appointment gets a form 04 draft proposing one working day later, audited', async () => {
    const memory = memoryPorts([late, onTime]);
    expect(await draftApologies(memory.ports)).toEqual({ drafted: 1, raced: 0 });
    expect(memory.stored.get('H56-LATE')?.apology).toEqual({
      state: 'draft',
      draftedAt: NOW,
      missedDueAt: '2026-11-26T17:00:00+07:00',
      // Saturday and Sunday are not working days.
      proposedDueAt: '2026-11-30T10:00:00+07:00',
    });
    expect(memory.stored.get('H56-LATE')?.history.at(-1)).toEqual({
      status: 'in_progress',
      at: NOW,
      by: 'system',
      note: 'Quá hạn: dự thảo văn bản xin lỗi (mẫu 04)',
    });
    expect(memory.stored.get('H56-ONTIME')?.apology).toBeUndefined();
    const chain = memory.chains.get('H56-LATE') ?? [];
    expect(chain.map((entry) => [entry.action, entry.actor])).toEqual([['draft_apology', 'system']]);
    expect(verifyAuditChain('H56-LATE', chain)).toMatchObject({ intact: true, length: 1 });
    expect(memory.lines).toEqual([{ message: 'apology sweep', fields: { drafted: 1, raced: 0 } }]);
  });

  it('a second run drafts nothing again, nor for a paused or settled dossier', async () => {
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
    expect(await draftApologies(memory.ports)).toEqual({ drafted: 0, raced: 0 });
    expect([...memory.chains.keys()]).toEqual(['H56-LATE']);
  });

  it('a dossier an officer changed meanwhile is counted as raced and left for the next run', async () => {
    const memory = memoryPorts([late], { changedMeanwhile: ['H56-LATE'] });
    expect(await draftApologies(memory.ports)).toEqual({ drafted: 0, raced: 1 });
    expect(memory.stored.get('H56-LATE')?.apology).toBeUndefined();
    expect(await draftApologies(memory.ports)).toEqual({ drafted: 1, raced: 0 });
  });

  it('any other failure stops the sweep', async () => {
    const memory = memoryPorts([late], { failWith: new Error('ProvisionedThroughputExceededException') });
    await expect(draftApologies(memory.ports)).rejects.toThrow('ProvisionedThroughputExceededException');
    expect(memory.lines).toEqual([]);
  });
});
