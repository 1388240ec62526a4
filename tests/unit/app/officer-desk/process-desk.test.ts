import { describe, expect, it } from 'vitest';
import { withdrawDossier } from '../../../../shared/app/lookup/withdraw-dossier.ts';
import {
  actOnDossier,
  type OfficerActionPorts,
  type OfficerActionRequest,
} from '../../../../shared/app/officer-desk/act-on-dossier.ts';
import type { UploadClaim } from '../../../../shared/domain/intake/attachment.ts';
import { citizenDossierView } from '../../../../shared/domain/intake/citizen-view.ts';
import type { DossierRecord } from '../../../../shared/domain/lifecycle/dossier.ts';
import type { OfficerRecord, OfficerRole } from '../../../../shared/domain/officers/officers.ts';
import { defaultProcess } from '../../../../shared/domain/process/default-processes.ts';
import { memoryProcesses, procedureOf } from '../fixtures.ts';
import { commune, district, dossier, memoryLifecycle, memorySigner } from '../memory.ts';

const HOUR = 3_600_000;
const birth = procedureOf(commune, '1.001193.000.00.00.H56', {
  countsFromNextDayAfter15h: false,
  resultSigned: false,
});

/** The commune's officers as its administrator registered them. */
const officerRecord = (username: string, roles: OfficerRole[], active = true): OfficerRecord => ({
  officerId: `sub-${username}`,
  username,
  agencyCode: commune.code,
  roles,
  active,
  validFrom: '2026-01-01T00:00:00+07:00',
  updatedAt: '2026-01-01T00:00:00+07:00',
  updatedBy: 'quan-tri',
});
const communeOfficers = [
  officerRecord('chuyen-vien', ['chuyen_vien']),
  officerRecord('chuyen-vien-nghi', ['chuyen_vien'], false),
  officerRecord('van-thu', ['van_thu']),
];

/** The commune's desk in memory, its procedure following the commune's built-in default process. */
function desk(held: DossierRecord[]) {
  const memory = memoryLifecycle(held);
  const ports: OfficerActionPorts<UploadClaim> = {
    ...memory.ports,
    agency: async (code) => [commune, district].find((agency) => agency.code === code),
    procedure: async () => birth,
    processes: memoryProcesses(),
    officersOf: async (code) => (code === commune.code ? communeOfficers : []),
    signer: memorySigner(),
    signingKeys: { ecdsa: 'ecdsa-key', rsa: 'rsa-key' },
    files: { readUpload: async () => undefined, bindUpload: async () => false },
    claims: { existing: async () => [], putItem: (claim) => claim },
  };
  const act = (username: string, roles: OfficerRole[], action: OfficerActionRequest['action']) =>
    actOnDossier(ports, {
      dossierCode: dossier().dossierCode,
      action,
      officer: { id: `sub-${username}`, username, roles },
      unit: commune,
    });
  return { ...memory, ports, act };
}

const stored = (memory: ReturnType<typeof desk>) => memory.dossiers.get(dossier().dossierCode);

describe('a dossier following its process at the desk', () => {
  it('starts the tier’s default process on reception and shows the steps and who may act', async () => {
    const memory = desk([dossier()]);
    const view = await memory.act('tiep-nhan', ['tiep_nhan'], { type: 'accept' });
    expect(view.process).toMatchObject({
      code: 'MAC-DINH-COMMUNE',
      version: 0,
      active: [
        { step: 'TIEP_NHAN', role: 'tiep_nhan', unit: { code: commune.code }, handedOverBy: 'tiep-nhan' },
      ],
      done: [],
    });
    expect(view.process?.active[0]?.remaining).toMatchObject({ late: false });
    expect([...(view.allowedActions ?? [])].sort()).toEqual(
      ['approve_apology', 'assign', 'draft_apology', 'forward', 'request_supplement'].sort(),
    );
    expect(view.stepActions).toContainEqual(
      expect.objectContaining({
        action: 'forward',
        step: 'TIEP_NHAN',
        role: 'tiep_nhan',
        unitCode: commune.code,
      }),
    );
  });

  it('hands the dossier from step to step, a different leader signing than drafted', async () => {
    const memory = desk([dossier()]);
    await memory.act('tiep-nhan', ['tiep_nhan'], { type: 'accept' });
    memory.clock.advance(HOUR);
    await memory.act('tiep-nhan', ['tiep_nhan'], { type: 'forward' });
    memory.clock.advance(HOUR);
    const drafted = await memory.act('chuyen-vien', ['chuyen_vien'], { type: 'forward' });
    expect(drafted).toMatchObject({ status: 'in_progress', process: { draftedBy: 'chuyen-vien' } });
    memory.clock.advance(HOUR);
    const signed = await memory.act('chu-tich', ['lanh_dao'], { type: 'complete' });
    expect(signed.status).toBe('done');
    expect(signed.process?.active.map((step) => step.step)).toEqual(['TRA_KET_QUA']);
    const returned = await memory.act('tiep-nhan', ['tiep_nhan'], { type: 'return_result' });
    expect(returned.status).toBe('result_returned');
    expect(returned.process?.done.map((row) => [row.step, row.handedOverBy, row.finishedBy])).toEqual([
      ['TIEP_NHAN', 'tiep-nhan', 'tiep-nhan'],
      ['THAM_DINH', 'tiep-nhan', 'chuyen-vien'],
      ['PHE_DUYET', 'chuyen-vien', 'chu-tich'],
      ['TRA_KET_QUA', 'chu-tich', 'tiep-nhan'],
    ]);
  });

  it('assigns a step only to an active officer of the holding unit with the step’s role', async () => {
    const memory = desk([dossier()]);
    await memory.act('tiep-nhan', ['tiep_nhan'], { type: 'accept' });
    await memory.act('tiep-nhan', ['tiep_nhan'], { type: 'forward' });
    const before = stored(memory);
    for (const assignee of ['khong-ton-tai', 'chuyen-vien-nghi', 'van-thu']) {
      await expect(
        memory.act('truong-phong', ['lanh_dao'], { type: 'assign', assignee }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: [expect.objectContaining({ field: 'assignee' })],
      });
    }
    expect(stored(memory)).toEqual(before);
    const assigned = await memory.act('truong-phong', ['lanh_dao'], {
      type: 'assign',
      assignee: 'chuyen-vien',
    });
    expect(assigned.process?.active).toEqual([
      expect.objectContaining({ step: 'THAM_DINH', assignee: 'chuyen-vien' }),
    ]);
  });

  it('refuses a wrong role (403), a wrong step (409) and the drafter signing (403), changing nothing', async () => {
    const memory = desk([dossier()]);
    await memory.act('tiep-nhan', ['tiep_nhan'], { type: 'accept' });
    const before = stored(memory);
    await expect(memory.act('chuyen-vien', ['chuyen_vien'], { type: 'forward' })).rejects.toMatchObject({
      code: 'STEP_ROLE_REQUIRED',
      details: {
        allowed: expect.arrayContaining([expect.objectContaining({ action: 'forward', role: 'tiep_nhan' })]),
      },
    });
    await expect(memory.act('chu-tich', ['lanh_dao'], { type: 'complete' })).rejects.toMatchObject({
      code: 'STEP_ACTION_NOT_ALLOWED',
    });
    await memory.act('tiep-nhan', ['tiep_nhan'], { type: 'forward' });
    await memory.act('pho-chu-tich', ['chuyen_vien', 'lanh_dao'], { type: 'forward' });
    const drafted = stored(memory);
    await expect(
      memory.act('pho-chu-tich', ['chuyen_vien', 'lanh_dao'], { type: 'complete' }),
    ).rejects.toMatchObject({
      code: 'DRAFTER_CANNOT_SIGN',
    });
    expect(stored(memory)).toEqual(drafted);
    expect(before?.version).toBe(2);
    // accept and the two hand-overs: the refusals wrote nothing.
    expect(memory.chains.get(dossier().dossierCode)).toHaveLength(3);
  });

  it('keeps today’s rules for a dossier received before processes, and refuses step-only actions on it', async () => {
    const memory = desk([dossier({ status: 'accepted' })]);
    await expect(memory.act('tiep-nhan', ['tiep_nhan'], { type: 'forward' })).rejects.toMatchObject({
      code: 'STEP_ACTION_NOT_ALLOWED',
    });
    const view = await memory.act('chuyen-vien', ['chuyen_vien'], { type: 'start_processing' });
    expect(view).toMatchObject({ status: 'in_progress', process: undefined });
    expect(view.allowedActions).not.toContain('forward');
  });

  it('tells the citizen the steps done and the one under way in plain words, no officer named', async () => {
    const memory = desk([dossier()]);
    await memory.act('tiep-nhan', ['tiep_nhan'], { type: 'accept' });
    await memory.act('tiep-nhan', ['tiep_nhan'], { type: 'forward' });
    const record = stored(memory);
    if (!record) throw new Error('the dossier is held');
    const { progress } = citizenDossierView(
      record,
      memory.ports.now(),
      memory.ports.calendar,
      defaultProcess('commune'),
    );
    expect(progress).toEqual({
      done: [
        {
          step: 'TIEP_NHAN',
          label: { vi: 'Bộ phận một cửa đã tiếp nhận hồ sơ', en: 'Received at the one-stop desk' },
          finishedAt: expect.any(String),
        },
      ],
      current: [
        {
          step: 'THAM_DINH',
          label: { vi: 'Chuyên viên đang thẩm định hồ sơ', en: 'A specialist is examining the dossier' },
          since: expect.any(String),
          unit: commune.name,
        },
      ],
    });
    expect(JSON.stringify(progress)).not.toContain('tiep-nhan');
  });

  it('closes every open step when the citizen withdraws', async () => {
    const memory = desk([dossier()]);
    await memory.act('tiep-nhan', ['tiep_nhan'], { type: 'accept' });
    await memory.act('tiep-nhan', ['tiep_nhan'], { type: 'forward' });
    await withdrawDossier(
      {
        gate: { open: async (_code, load) => (await load()) as DossierRecord },
        dossiers: memory.ports.dossiers,
        audit: memory.ports.audit,
        now: memory.ports.now,
        calendar: memory.ports.calendar,
      },
      dossier().dossierCode,
      'Không cần nữa',
    );
    expect(stored(memory)?.process).toMatchObject({
      active: [],
      done: [{ step: 'TIEP_NHAN' }, { step: 'THAM_DINH', action: 'withdraw', finishedBy: 'citizen' }],
    });
  });
});
