import { beforeAll, describe, expect, it } from 'vitest';
import { completeDossierRequest, postJson, uploadAttachment } from '../support/deployment.ts';
import { officerAct, registerOfficer, wholeQueue } from '../support/officers.ts';
import { samplePdf } from '../support/sample-files.ts';

/**
 * Land registration (30 working days) received by a district, which the seed's sample process
 * `QT-DAT-DAI-LIEN-THONG` sends to the provincial Department of Agriculture and Environment for one
 * step before the district's leader signs.
 */
const DISTRICT = '000.00.23.H56';
const DEPARTMENT = '000.00.13.H56';
const LAND_REGISTRATION = '1.004227.000.00.00.H56';

interface StepRow {
  step: string;
  unit: { code: string };
  handedOverBy: string;
  finishedBy: string;
  timeliness: string;
}
interface View {
  status: string;
  currentAgency: { code: string };
  process: { code: string; active: { step: string; unit: { code: string } }[]; done: StepRow[] };
}

describe('a liên thông procedure runs through two units by their own officers', () => {
  const officers: Record<string, { username: string; idToken: string }> = {};
  let dossierCode = '';
  const act = (who: string, action: Record<string, unknown>) =>
    officerAct<View>(officers[who]?.idToken ?? '', dossierCode, action);
  const queueOf = async (who: string) =>
    (await wholeQueue(officers[who]?.idToken ?? '')).dossiers.map((entry) => entry.dossierCode);

  beforeAll(async () => {
    const staff = {
      desk: [DISTRICT, ['tiep_nhan']],
      specialist: [DISTRICT, ['chuyen_vien']],
      departmentSpecialist: [DEPARTMENT, ['chuyen_vien']],
      leader: [DISTRICT, ['lanh_dao']],
      clerk: [DISTRICT, ['van_thu']],
    } as const;
    for (const [who, [unit, roles]] of Object.entries(staff)) {
      officers[who] = await registerOfficer(unit, roles);
    }
    const submitted = await postJson<{ dossierCode: string }>(
      '/dossiers',
      await completeDossierRequest({ procedureCode: LAND_REGISTRATION }),
    );
    expect(submitted.status).toBe(201);
    dossierCode = submitted.body.dossierCode;
  });

  it('is received and examined at the district under the published sample process', async () => {
    const received = await act('desk', { type: 'accept' });
    expect(received.status).toBe(200);
    expect(received.body.process.code).toBe('QT-DAT-DAI-LIEN-THONG');
    expect((await act('desk', { type: 'forward' })).body.process.active).toEqual([
      expect.objectContaining({ step: 'THAM_DINH', unit: expect.objectContaining({ code: DISTRICT }) }),
    ]);
  });

  it('goes to the department: its queue lists the dossier, the district can no longer act on it', async () => {
    const handed = await act('specialist', { type: 'forward' });
    expect(handed.status).toBe(200);
    expect(handed.body.currentAgency.code).toBe(DEPARTMENT);
    expect(handed.body.process.active).toEqual([
      expect.objectContaining({ step: 'SO_THAM_DINH', unit: expect.objectContaining({ code: DEPARTMENT }) }),
    ]);
    expect(await queueOf('departmentSpecialist')).toContain(dossierCode);
    expect(await queueOf('specialist')).not.toContain(dossierCode);
    expect((await act('specialist', { type: 'forward' })).status).toBe(404);
  });

  it('is assigned at the department only to one of its registered officers with the step’s role', async () => {
    const unknown = await act('departmentSpecialist', { type: 'assign', assignee: 'khong-co-can-bo-nay' });
    expect(unknown.status).toBe(400);
    const districtOfficer = await act('departmentSpecialist', {
      type: 'assign',
      assignee: officers.specialist?.username,
    });
    expect(districtOfficer.status).toBe(400);
    const assigned = await act('departmentSpecialist', {
      type: 'assign',
      assignee: officers.departmentSpecialist?.username,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.process.active).toEqual([
      expect.objectContaining({ step: 'SO_THAM_DINH', assignee: officers.departmentSpecialist?.username }),
    ]);
  });

  it('comes back to the district leader to sign, then the clerk and the desk finish it', async () => {
    const back = await act('departmentSpecialist', { type: 'forward' });
    expect(back.status).toBe(200);
    expect(back.body.currentAgency.code).toBe(DISTRICT);
    expect(back.body.process.active.map((step) => step.step)).toEqual(['PHE_DUYET']);
    expect(await queueOf('leader')).toContain(dossierCode);
    expect(await queueOf('departmentSpecialist')).not.toContain(dossierCode);

    const result = await uploadAttachment('ket-qua.pdf', 'application/pdf', await samplePdf('Ket qua'));
    expect((await act('leader', { type: 'complete', resultDocumentKey: result.key })).body.status).toBe(
      'done',
    );
    expect((await act('clerk', { type: 'forward' })).status).toBe(200);
    const returned = await act('desk', { type: 'return_result' });
    expect(returned.body.status).toBe('result_returned');

    const name = (who: string) => officers[who]?.username ?? '';
    expect(
      returned.body.process.done.map((row) => [row.step, row.unit.code, row.handedOverBy, row.finishedBy]),
    ).toEqual([
      ['TIEP_NHAN', DISTRICT, name('desk'), name('desk')],
      ['THAM_DINH', DISTRICT, name('desk'), name('specialist')],
      ['SO_THAM_DINH', DEPARTMENT, name('specialist'), name('departmentSpecialist')],
      ['PHE_DUYET', DISTRICT, name('departmentSpecialist'), name('leader')],
      ['VAN_THU', DISTRICT, name('leader'), name('clerk')],
      ['TRA_KET_QUA', DISTRICT, name('clerk'), name('desk')],
    ]);
    for (const row of returned.body.process.done) expect(row.timeliness).not.toBe('late');
  });
});
