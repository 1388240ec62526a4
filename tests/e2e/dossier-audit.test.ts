import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditTrail } from '../../shared/contracts/audit.ts';
import { api, completeDossierRequest, postJson, waitFor, waitUntilRouted } from '../support/deployment.ts';
import { officerGet, receiveDossier, signInOfficer } from '../support/officers.ts';

const COMMUNE = '000.17.22.H56';
const OTHER_UNIT = '000.18.22.H56';
const EMAIL = 'hoa.nguyen@example.vn';
const ID_NUMBER = '038199004321';
const PHONE = '0912345678';

/** The dossier's trail once `wanted` holds, read by an officer of the unit holding it. */
function trailWhen(token: string, code: string, wanted: (trail: AuditTrail) => boolean, what: string) {
  return waitFor(async () => {
    const answer = await officerGet<AuditTrail>(token, `/officer/dossiers/${encodeURIComponent(code)}/audit`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return wanted(answer.body) ? answer.body : undefined;
  }, what);
}

describe("a dossier's audit trail and mails, on the officers' dossier page", () => {
  let desk: string;
  let code: string;

  beforeAll(async () => {
    desk = await signInOfficer(COMMUNE, ['tiep_nhan']);
    const submitted = await postJson<{ dossierCode: string }>(
      '/dossiers',
      await completeDossierRequest({
        applicant: {
          fullName: 'Nguyễn Thị Hoa',
          idNumber: ID_NUMBER,
          address: 'Thôn Yên Trạch, xã Quảng Bình',
          phone: PHONE,
          email: EMAIL,
        },
      }),
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    code = submitted.body.dossierCode;
    await waitUntilRouted(code);
    await receiveDossier(desk, code);
  });

  it('shows an officer of the unit the entries newest first, verified, with the receipt mail sent', async () => {
    const trail = await trailWhen(
      desk,
      code,
      (answer) => answer.mails.some((mail) => mail.template === 'receipt'),
      'the receipt mail on the trail',
    );
    expect(trail).toMatchObject({ dossierCode: code, verified: true });
    const seqs = trail.entries.map((entry) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(seqs.at(-1)).toBe(1);
    const kinds = new Set(trail.entries.map((entry) => entry.kind));
    for (const kind of ['submission', 'state_change', 'mail']) expect(kinds).toContain(kind);
    expect(trail.entries).toContainEqual(expect.objectContaining({ kind: 'state_change', action: 'accept' }));
    const receipt = trail.mails.find((mail) => mail.template === 'receipt');
    expect(receipt).toMatchObject({ state: 'sent', to: expect.stringMatching(/^h\*+n@example\.vn$/) });
    expect(receipt?.messageId).toEqual(expect.any(String));
    for (const mail of trail.mails) expect(mail.events ?? []).toEqual(expect.any(Array));
  });

  it('holds no unmasked e-mail address, ID number or phone number', async () => {
    const answer = await officerGet(desk, `/officer/dossiers/${encodeURIComponent(code)}/audit`);
    expect(answer.status).toBe(200);
    const text = JSON.stringify(answer.body);
    for (const personal of [EMAIL, ID_NUMBER, PHONE]) expect(text).not.toContain(personal);
  });

  it('is not itself a view of personal data on the trail', async () => {
    const path = `/officer/dossiers/${encodeURIComponent(code)}/audit`;
    const before = (await officerGet<AuditTrail>(desk, path)).body;
    const after = (await officerGet<AuditTrail>(desk, path)).body;
    const views = (trail: AuditTrail) => trail.entries.filter((e) => e.kind === 'personal_data_view').length;
    expect(views(after)).toBe(views(before));
  });

  it('answers an officer of another unit 404, as for a dossier that does not exist', async () => {
    const other = await signInOfficer(OTHER_UNIT, ['tiep_nhan']);
    const answer = await officerGet(other, `/officer/dossiers/${encodeURIComponent(code)}/audit`);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(JSON.stringify(answer.body)).not.toContain(EMAIL);
  });

  it('answers 401 without a token', async () => {
    const answer = await api(`/officer/dossiers/${encodeURIComponent(code)}/audit`);
    expect(answer.status).toBe(401);
  });
});
