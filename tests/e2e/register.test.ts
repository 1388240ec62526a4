import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { toVietnamIso } from '../../shared/domain/calendar/time.ts';
import { REGISTER_COLUMNS } from '../../shared/domain/documents/register.ts';
import { api, apiBase, completeDossierRequest, dossierRequest, postJson } from '../support/deployment.ts';
import { officerGet, receiveDossier, signInOfficer } from '../support/officers.ts';
import { pdfText } from '../support/pdf-text.ts';

const today = toVietnamIso(new Date()).slice(0, 10);
const register = (query: Record<string, string>) => `/officer/register?${new URLSearchParams(query)}`;

describe('the register of dossiers (Sổ theo dõi hồ sơ), per unit and period', () => {
  let dossierCode: string;
  /** Submitted online the same day but not yet received by the desk: not in the register. */
  let unreceivedCode: string;
  let officer: string;

  beforeAll(async () => {
    const submit = async (fullName: string) =>
      (
        await postJson<{ dossierCode: string }>(
          '/dossiers',
          await completeDossierRequest({ applicant: { ...dossierRequest().applicant, fullName } }),
        )
      ).body.dossierCode;
    [dossierCode, unreceivedCode] = await Promise.all([
      submit('Lê Thị Sổ Theo Dõi'),
      submit('Lê Thị Chưa Tiếp Nhận'),
    ]);
    officer = await signInOfficer('000.17.22.H56');
    // The register lists dossiers by time received: the one-stop desk receives the first one.
    await receiveDossier(officer, dossierCode);
  });

  it('lists the unit’s dossier received today in the CSV, with the annex’s columns', async () => {
    const answer = await officerGet<string>(officer, register({ from: today, to: today, format: 'csv' }));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = answer.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toContain('STT,Mã hồ sơ,"Tên tổ chức, cá nhân",Địa chỉ');
    expect(lines[0]?.split(',').length).toBeGreaterThanOrEqual(REGISTER_COLUMNS.length);
    const line = lines.find((each) => each.includes(dossierCode));
    expect(line).toContain('Lê Thị Sổ Theo Dõi');
    expect(line).toContain('Được tiếp nhận');
    expect(answer.body).not.toContain(unreceivedCode);
    expect(answer.body).not.toContain('Lê Thị Chưa Tiếp Nhận');
  });

  it('gives the same register as a PDF', async () => {
    const response = await fetch(new URL(register({ from: today, to: today }).slice(1), apiBase), {
      headers: { authorization: `Bearer ${officer}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThanOrEqual(1);
    const text = await pdfText(bytes);
    expect(text).toContain('SỔ THEO DÕI HỒ SƠ');
    // Cells wrap within their column: a long name may run over two lines.
    const flowing = text.replace(/\s+/g, ' ');
    expect(flowing).toContain('Lê Thị Sổ Theo Dõi');
    expect(flowing).not.toContain('Chưa Tiếp Nhận');
  });

  it('shows another unit’s officer nothing of it, and refuses a period over 31 days, a malformed day or no officer', async () => {
    const stranger = await signInOfficer('000.18.22.H56');
    const theirs = await officerGet<string>(stranger, register({ from: today, to: today, format: 'csv' }));
    expect(theirs.status).toBe(200);
    expect(theirs.body).not.toContain(dossierCode);
    expect((await officerGet(officer, register({ from: '2026-01-01', to: '2026-03-01' }))).status).toBe(400);
    expect((await officerGet(officer, register({ from: today, to: 'yesterday' }))).status).toBe(400);
    expect((await api(register({ from: today, to: today }))).status).toBe(401);
  });
});
