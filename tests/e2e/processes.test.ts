import { beforeAll, describe, expect, it } from 'vitest';
import type { ProcessView } from '../../shared/app/officer-desk/view-process.ts';
import { api } from '../support/deployment.ts';
import { officerGet, signInOfficer } from '../support/officers.ts';

const COMMUNE = '000.17.22.H56';

describe('officers see the internal processes', () => {
  let token = '';

  beforeAll(async () => {
    // Any role may read a process: a clerk's account is enough.
    token = await signInOfficer(COMMUNE, ['van_thu']);
  });

  it('answers a published sample with its version and its Mermaid diagram', async () => {
    const answer = await officerGet<ProcessView>(token, '/officer/processes/QT-HKD-HUYEN');
    expect(answer.status).toBe(200);
    expect(answer.body.code).toBe('QT-HKD-HUYEN');
    expect(answer.body.version).toBeGreaterThanOrEqual(1);
    expect(answer.body.definition.steps.map((step) => step.code)).toEqual([
      'TIEP_NHAN',
      'THAM_DINH',
      'XEM_XET',
      'PHE_DUYET',
      'VAN_THU',
      'TRA_KET_QUA',
    ]);
    expect(answer.body.mermaid).toMatch(/^flowchart TD\n/);
    expect(answer.body.mermaid).toContain('s_PHE_DUYET -.->|"trả lại"| s_THAM_DINH');
  });

  it('answers the process a procedure follows when asked by the procedure’s code', async () => {
    const answer = await officerGet<ProcessView>(token, '/officer/processes/1.004227.000.00.00.H56');
    expect(answer.status).toBe(200);
    expect(answer.body.code).toBe('QT-DAT-DAI-LIEN-THONG');
    expect(answer.body.definition.steps.find((step) => step.code === 'SO_THAM_DINH')?.unit).toEqual({
      agency: '000.00.13.H56',
    });
  });

  it('answers a pinned version, including a built-in default as version 0', async () => {
    const answer = await officerGet<ProcessView>(token, '/officer/processes/MAC-DINH-COMMUNE?version=0');
    expect(answer.status).toBe(200);
    expect(answer.body.version).toBe(0);
  });

  it('refuses an unknown process, a malformed code or version and a caller without an officer token', async () => {
    const unknown = await officerGet(token, '/officer/processes/QT-KHONG-CO');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await officerGet(token, '/officer/processes/QT-HKD-HUYEN?version=abc')).status).toBe(400);
    expect((await officerGet(token, `/officer/processes/${'X'.repeat(100)}`)).status).toBe(400);
    expect((await api('/officer/processes/QT-HKD-HUYEN')).status).toBe(401);
  });
});
