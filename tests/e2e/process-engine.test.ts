import { beforeAll, describe, expect, it } from 'vitest';
import { api, completeDossierRequest, postJson, uploadAttachment } from '../support/deployment.ts';
import { officerAct, officerGet, registerOfficer } from '../support/officers.ts';
import { pdfText } from '../support/pdf-text.ts';
import { samplePdf } from '../support/sample-files.ts';

/**
 * A district procedure (household business registration, 3 working days) and its receiving unit: the
 * seed publishes its four working steps (sample `QT-HKD-HUYEN`).
 */
const DISTRICT = '000.00.22.H56';
const DISTRICT_PROCEDURE = '1.001612.000.00.00.H56';

interface StepRow {
  step: string;
  handedOverBy: string;
  finishedBy: string;
  dueAt: string;
  timeliness: string;
  unit: { code: string };
}
interface View {
  status: string;
  syncCode: number;
  version: number;
  allowedActions: string[];
  stepActions: { action: string; step: string; role: string; unitCode: string }[];
  process: {
    code: string;
    active: { step: string; role: string; unit: { code: string }; dueAt: string }[];
    done: StepRow[];
    draftedBy?: string;
  };
  statutoryDueAt: string;
}
interface Refusal {
  error: {
    code: string;
    allowed?: { action: string; step: string; role: string; unitCode: string }[];
  };
}
interface FormAnswer {
  url: string;
  content: { document: { table?: { headers: string[]; rows: string[][] } } };
}

describe('a district procedure run through its process by officers of the right roles', () => {
  const officers: Record<string, { username: string; idToken: string }> = {};
  let dossierCode = '';
  let lookupSecret = '';
  const path = () => `/officer/dossiers/${encodeURIComponent(dossierCode)}`;
  const view = (who: string) => officerGet<View>(officers[who]?.idToken ?? '', path());
  const act = <T = View>(who: string, action: Record<string, unknown>) =>
    officerAct<T>(officers[who]?.idToken ?? '', dossierCode, action);

  beforeAll(async () => {
    const roles = {
      desk: ['tiep_nhan'],
      // The specialist also signs for the unit at times: never the result they drafted.
      specialist: ['chuyen_vien', 'lanh_dao'],
      head: ['lanh_dao_phong'],
      leader: ['lanh_dao'],
      clerk: ['van_thu'],
    } as const;
    for (const [who, granted] of Object.entries(roles)) {
      officers[who] = await registerOfficer(DISTRICT, granted);
    }
    const submitted = await postJson<{ dossierCode: string; lookupSecret: string }>(
      '/dossiers',
      await completeDossierRequest({ procedureCode: DISTRICT_PROCEDURE }),
    );
    expect(submitted.status).toBe(201);
    ({ dossierCode, lookupSecret } = submitted.body);
  });

  it('opens the reception step on accept, and offers the desk its actions there', async () => {
    const received = await act('desk', { type: 'accept' });
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({
      status: 'accepted',
      syncCode: 2,
      process: {
        code: 'QT-HKD-HUYEN',
        active: [{ step: 'TIEP_NHAN', role: 'tiep_nhan', unit: { code: DISTRICT } }],
      },
    });
    expect(Date.parse(received.body.process.active[0]?.dueAt ?? '')).toBeLessThanOrEqual(
      Date.parse(received.body.statutoryDueAt),
    );
    expect(received.body.stepActions).toContainEqual(
      expect.objectContaining({
        action: 'forward',
        step: 'TIEP_NHAN',
        role: 'tiep_nhan',
        unitCode: DISTRICT,
      }),
    );
  });

  it('refuses the wrong role (403) and the wrong step (409) with who may act, changing nothing', async () => {
    const before = (await view('desk')).body;
    const wrongRole = await act<Refusal>('specialist', { type: 'forward' });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.error.code).toBe('STEP_ROLE_REQUIRED');
    expect(wrongRole.body.error.allowed).toContainEqual(
      expect.objectContaining({
        action: 'forward',
        step: 'TIEP_NHAN',
        role: 'tiep_nhan',
        unitCode: DISTRICT,
      }),
    );
    const wrongStep = await act<Refusal>('leader', { type: 'complete' });
    expect(wrongStep.status).toBe(409);
    expect(wrongStep.body.error.code).toBe('STEP_ACTION_NOT_ALLOWED');
    expect(wrongStep.body.error.allowed?.map((entry) => entry.action)).toContain('forward');
    const after = (await view('desk')).body;
    expect(after.version).toBe(before.version);
    expect(after.process).toEqual(before.process);
  });

  it('hands the dossier from the desk to the specialist, the head of division and the leader', async () => {
    const examining = await act('desk', { type: 'forward' });
    expect(examining.body).toMatchObject({ status: 'in_progress', syncCode: 4 });
    expect(examining.body.process.active.map((step) => step.step)).toEqual(['THAM_DINH']);
    const drafted = await act('specialist', { type: 'forward' });
    expect(drafted.body.process).toMatchObject({
      active: [{ step: 'XEM_XET', role: 'lanh_dao_phong' }],
      draftedBy: officers.specialist?.username,
    });
    const reviewed = await act('head', { type: 'forward' });
    expect(reviewed.body.process.active.map((step) => step.step)).toEqual(['PHE_DUYET']);
  });

  it('does not let the specialist who drafted the result sign it, though they hold the leader’s role', async () => {
    const before = (await view('leader')).body;
    const refused = await act<Refusal>('specialist', { type: 'complete' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('DRAFTER_CANNOT_SIGN');
    expect((await view('specialist')).body.allowedActions).not.toContain('complete');
    expect((await view('leader')).body.version).toBe(before.version);
  });

  it('is signed by the leader, stamped by the clerk and returned by the desk, with a control-slip row per step', async () => {
    const result = await uploadAttachment(
      'ket-qua.pdf',
      'application/pdf',
      await samplePdf('Giay chung nhan'),
    );
    const signed = await act('leader', { type: 'complete', resultDocumentKey: result.key });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'done', syncCode: 9 });
    expect(signed.body.process.active.map((step) => step.step)).toEqual(['VAN_THU']);
    const stamped = await act('clerk', { type: 'forward' });
    expect(stamped.body).toMatchObject({ status: 'done', process: { active: [{ step: 'TRA_KET_QUA' }] } });
    const returned = await act('desk', { type: 'return_result' });
    expect(returned.body).toMatchObject({ status: 'result_returned', syncCode: 10 });

    const name = (who: string) => officers[who]?.username ?? '';
    const rows = returned.body.process.done;
    expect(rows.map((row) => [row.step, row.handedOverBy, row.finishedBy])).toEqual([
      ['TIEP_NHAN', name('desk'), name('desk')],
      ['THAM_DINH', name('desk'), name('specialist')],
      ['XEM_XET', name('specialist'), name('head')],
      ['PHE_DUYET', name('head'), name('leader')],
      ['VAN_THU', name('leader'), name('clerk')],
      ['TRA_KET_QUA', name('clerk'), name('desk')],
    ]);
    for (const row of rows) {
      expect(['early', 'on_time', 'late']).toContain(row.timeliness);
      expect(Date.parse(row.dueAt)).toBeLessThanOrEqual(Date.parse(returned.body.statutoryDueAt));
    }

    const slip = await officerGet<FormAnswer>(officers.desk?.idToken ?? '', `${path()}/forms/06`);
    expect(slip.status).toBe(200);
    expect(slip.body.content.document.table?.headers).toEqual([
      'Bước xử lý',
      'Người giao',
      'Người nhận',
      'Thời gian giao',
      'Hạn của bước',
      'Kết quả',
    ]);
    expect(slip.body.content.document.table?.rows).toHaveLength(6);
    expect(slip.body.content.document.table?.rows[1]?.[2]).toContain(name('specialist'));
    const text = await pdfText(new Uint8Array(await (await fetch(slip.body.url)).arrayBuffer()));
    // Table cells may wrap: compare without white space.
    expect(text.replace(/\s/g, '')).toContain(name('clerk'));
  });

  it('shows the citizen the steps in plain words, without officers’ names', async () => {
    const citizen = await api<{
      progress: { done: { step: string; label: { vi: string } }[]; current: unknown[] };
    }>(`/dossiers/${encodeURIComponent(dossierCode)}`, { headers: { 'x-lookup-secret': lookupSecret } });
    expect(citizen.status).toBe(200);
    expect(citizen.body.progress.current).toEqual([]);
    expect(citizen.body.progress.done.map((step) => step.step)).toEqual([
      'TIEP_NHAN',
      'THAM_DINH',
      'XEM_XET',
      'PHE_DUYET',
      'VAN_THU',
      'TRA_KET_QUA',
    ]);
    expect(citizen.body.progress.done[1]?.label.vi).toBe('Chuyên viên đang thẩm định hồ sơ');
    const shown = JSON.stringify(citizen.body.progress);
    for (const officer of Object.values(officers)) expect(shown).not.toContain(officer.username);
  });
});
