import { createHash, createPublicKey, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  completeDossierRequest,
  postJson,
  publishedKeyPem,
  recordedMail,
  submittedDossier,
  uploadAttachment,
  waitFor,
} from '../support/deployment.ts';
import {
  forwardUntil,
  officerAct,
  officerGet,
  signInForeignOfficer,
  signInOfficer,
  signingLeader,
  startProcessing,
  wholeQueue,
} from '../support/officers.ts';
import { samplePdf } from '../support/sample-files.ts';

const COMMUNE = '000.17.22.H56';
const DISTRICT = '000.00.22.H56';
const OTHER_COMMUNE = '000.18.22.H56';
/** Land registration, whose clock stops while the land user pays (seed catalog). */
const LAND_REGISTRATION = '1.004227.000.00.00.H56';
const LAND_UNIT = '000.00.23.H56';

interface Submitted {
  dossierCode: string;
  lookupSecret: string;
}
interface OfficerView {
  status: string;
  syncCode: number;
  currentAgency: { code: string };
  allowedActions: string[];
  controlSlip: { at: string; dueAt: string; from: { code: string }; to: { code: string }; result: string }[];
  statutoryDueAt?: string;
  applicant: { fullName: string };
  result?: { timeliness: string };
  remaining?: { vi: string };
}
interface ErrorBody {
  error: { code: string; allowed?: string[]; message: { vi: string; en: string } };
}

/** Early = settled on a day (Vietnam time) before the appointment's day, else on time (never late here). */
function timelinessOn(at: string, dueAt: string): 'early' | 'on_time' {
  const localDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);
  expect(Date.parse(at)).toBeLessThanOrEqual(Date.parse(dueAt));
  return localDay(at) < localDay(dueAt) ? 'early' : 'on_time';
}

const submit = (): Promise<Submitted> => submittedDossier();

describe('officers move dossiers through the lifecycle, each within their own unit', () => {
  let commune: string;
  let district: string;
  let otherCommune: string;

  beforeAll(async () => {
    [commune, district, otherCommune] = await Promise.all([
      signInOfficer(COMMUNE),
      signInOfficer(DISTRICT),
      signInOfficer(OTHER_COMMUNE),
    ]);
  });

  it('happy path: submit → accept → process → transfer up a tier → complete → return', async () => {
    const { dossierCode, lookupSecret } = await submit();

    type QueueLine = {
      dossierCode: string;
      receivedAt?: string;
      dueAt?: string;
      awaiting?: { vi: string };
      remaining?: { vi: string };
    };
    const queueLine = async (status: string) => {
      const queue = await wholeQueue<QueueLine>(commune, `status=${status}`);
      return queue.dossiers.find((d) => d.dossierCode === dossierCode);
    };
    // Submitted online, it awaits the desk: no receipt, no appointment, no time left counted yet.
    const waiting = await queueLine('submitted');
    expect(waiting).toMatchObject({ dossierCode, awaiting: { vi: 'Chờ tiếp nhận' } });
    expect(waiting?.receivedAt).toBeUndefined();
    expect(waiting?.dueAt).toBeUndefined();
    expect(waiting?.remaining).toBeUndefined();

    expect((await officerAct<OfficerView>(commune, dossierCode, { type: 'accept' })).body.status).toBe(
      'accepted',
    );
    // Received: the clock runs from the receipt, and the queue shows the time left.
    const received = await queueLine('accepted');
    expect(received?.receivedAt).toEqual(expect.any(String));
    expect(received?.dueAt).toEqual(expect.any(String));
    expect(received?.remaining?.vi).toMatch(/^còn \d+ ngày \d+ giờ$/);
    // The desk hands the dossier on to the specialist: processing starts.
    expect((await startProcessing<OfficerView>(commune, dossierCode)).syncCode).toBe(4);
    const moved = await officerAct<OfficerView>(commune, dossierCode, {
      type: 'transfer',
      toAgencyCode: DISTRICT,
      note: 'Trình huyện',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.currentAgency.code).toBe(DISTRICT);
    // Birth registration is a same-day procedure: handed over on the appointment's own day it is on
    // time; early only when received after the 15:00 cut-off (appointment the next working day).
    const [row] = moved.body.controlSlip;
    expect(moved.body.controlSlip).toEqual([
      expect.objectContaining({
        from: expect.objectContaining({ code: COMMUNE }),
        to: expect.objectContaining({ code: DISTRICT }),
        result: timelinessOn(row?.at ?? '', row?.dueAt ?? ''),
      }),
    ]);

    // Once handed over, the commune no longer holds it.
    expect((await officerAct(commune, dossierCode, { type: 'complete' })).status).toBe(404);

    // The district's specialist drafts; a leader of the district, not the drafter, signs. Birth
    // registration returns a signed result: completing without the result file is refused.
    await forwardUntil(district, dossierCode, 'complete');
    const leader = await signingLeader(DISTRICT);
    const withoutResult = await officerAct<ErrorBody>(leader, dossierCode, { type: 'complete' });
    expect(withoutResult.status).toBe(400);
    const resultPdf = await samplePdf('Trich luc khai sinh');
    const upload = await uploadAttachment('trich-luc-khai-sinh.pdf', 'application/pdf', resultPdf);
    const done = await officerAct<
      OfficerView & { result: { documentSignature: { keyId: string; value: string; sha256: string } } }
    >(leader, dossierCode, { type: 'complete', note: 'Đã cấp', resultDocumentKey: upload.key });
    expect(done.body).toMatchObject({
      status: 'done',
      syncCode: 9,
      result: {
        timeliness: timelinessOn(new Date().toISOString(), done.body.statutoryDueAt ?? ''),
        documentKey: expect.stringMatching(/^dossiers\/.+\/result\//),
        uploadKey: upload.key,
      },
    });
    const signature = Buffer.from(done.body.result.documentSignature.value, 'base64');
    expect(done.body.result.documentSignature.sha256).toBe(
      createHash('sha256').update(resultPdf).digest('hex'),
    );
    expect(
      verify(
        'sha256',
        resultPdf,
        createPublicKey(await publishedKeyPem(done.body.result.documentSignature.keyId)),
        signature,
      ),
    ).toBe(true);
    const resultMail = await waitFor(
      async () =>
        (await recordedMail()).find((m) => m.Subject.startsWith(`Đã có kết quả hồ sơ ${dossierCode}`)),
      'the result-ready mail',
    );
    expect(resultMail.Source).toBe('no-reply@motcua.thanhhoa.gov.vn');
    expect(resultMail.BodyText).toContain(done.body.result.documentSignature.value);
    // The desk of the receiving commune hands the result back (the last step is the receiving unit's).
    const returned = await officerAct<OfficerView>(commune, dossierCode, { type: 'return_result' });
    expect(returned.body).toMatchObject({ status: 'result_returned', syncCode: 10 });

    const citizenView = await api<{ status: string; history: { status: string }[] }>(
      `/dossiers/${encodeURIComponent(dossierCode)}`,
      {
        headers: { 'x-lookup-secret': lookupSecret },
      },
    );
    expect(citizenView.body.status).toBe('result_returned');
    expect(citizenView.body.history.map((h) => h.status)).toEqual(
      expect.arrayContaining(['submitted', 'accepted', 'in_progress', 'done', 'result_returned']),
    );
  });

  it('refusal (form 03) needs a reason and ends the dossier', async () => {
    const { dossierCode } = await submit();
    const noReason = await officerAct<ErrorBody>(commune, dossierCode, { type: 'refuse' });
    expect(noReason.status).toBe(400);
    const refused = await officerAct<OfficerView & { outcome: { form: string; reason: string } }>(
      commune,
      dossierCode,
      { type: 'refuse', reason: 'Không thuộc thẩm quyền' },
    );
    const refusalMail = await waitFor(
      async () =>
        (await recordedMail()).find((m) => m.Subject.startsWith(`Từ chối tiếp nhận hồ sơ ${dossierCode}`)),
      'the refusal mail',
    );
    expect(refusalMail.BodyText).toContain('Lý do: Không thuộc thẩm quyền');
    expect(refused.body).toMatchObject({
      status: 'not_accepted',
      syncCode: 3,
      outcome: { form: '03', reason: 'Không thuộc thẩm quyền' },
    });
  });

  it('supplement request (form 02) stops the clock; receiving the supplement restarts it', async () => {
    const { dossierCode } = await submit();
    await officerAct(commune, dossierCode, { type: 'accept' });
    const waiting = await officerAct<OfficerView & { clock?: { remainingWorkingMinutes: number } }>(
      commune,
      dossierCode,
      {
        type: 'request_supplement',
        reason: 'Thiếu giấy chứng sinh',
        documents: ['Giấy chứng sinh'],
      },
    );
    expect(waiting.body).toMatchObject({ status: 'supplement_requested', syncCode: 5 });
    expect(waiting.body.clock?.remainingWorkingMinutes).toBeGreaterThan(0);
    const resumed = await officerAct<OfficerView & { clock?: unknown }>(commune, dossierCode, {
      type: 'receive_supplement',
    });
    expect(resumed.body.status).toBe('in_progress');
    expect(resumed.body.clock).toBeUndefined();
  });

  it('payment, stop (form 05) and the citizen’s withdrawal', async () => {
    const paid = await submit();
    await officerAct(commune, paid.dossierCode, { type: 'accept' });
    await startProcessing(commune, paid.dossierCode);
    const paying = await officerAct<OfficerView & { clock?: unknown }>(commune, paid.dossierCode, {
      type: 'request_payment',
      amountVnd: 50000,
    });
    expect(paying.body.syncCode).toBe(6);
    // Birth registration does not stop its clock for a payment.
    expect(paying.body.clock).toBeUndefined();
    expect(
      (await officerAct<OfficerView>(commune, paid.dossierCode, { type: 'confirm_payment' })).body.status,
    ).toBe('in_progress');
    expect(
      (
        await officerAct<OfficerView>(commune, paid.dossierCode, {
          type: 'stop',
          reason: 'Người dân đề nghị dừng',
        })
      ).body.syncCode,
    ).toBe(8);

    const withdrawn = await submit();
    const path = `/dossiers/${encodeURIComponent(withdrawn.dossierCode)}/withdraw`;
    expect((await postJson(path, {}, { 'x-lookup-secret': 'AAAAAAAAAAAAAAAAAAAAAA' })).status).toBe(404);
    const answer = await postJson<{ status: string; syncCode: number }>(
      path,
      { reason: 'Nộp nhầm' },
      { 'x-lookup-secret': withdrawn.lookupSecret },
    );
    expect(answer.body).toEqual({ dossierCode: withdrawn.dossierCode, status: 'withdrawn', syncCode: 7 });
  });

  it('stops the clock while the applicant pays, for a procedure that says so (land registration)', async () => {
    const landUnit = await signInOfficer(LAND_UNIT);
    const answer = await postJson<Submitted>(
      '/dossiers',
      await completeDossierRequest({ procedureCode: LAND_REGISTRATION }),
    );
    expect(answer.status).toBe(201);
    const { dossierCode } = answer.body;
    await officerAct(landUnit, dossierCode, { type: 'accept' });
    const before = await officerAct<{ statutoryDueAt: string }>(landUnit, dossierCode, { type: 'forward' });
    type Clocked = OfficerView & { clock?: { remainingWorkingMinutes: number }; statutoryDueAt: string };
    const waiting = await officerAct<Clocked>(landUnit, dossierCode, {
      type: 'request_payment',
      amountVnd: 100000,
    });
    expect(waiting.body).toMatchObject({ status: 'payment_requested', syncCode: 6 });
    expect(waiting.body.clock?.remainingWorkingMinutes).toBeGreaterThan(0);
    const paid = await officerAct<Clocked>(landUnit, dossierCode, { type: 'confirm_payment' });
    expect(paid.body.status).toBe('in_progress');
    expect(paid.body.clock).toBeUndefined();
    // Moved by the working time waited: seconds here, or nothing outside office hours.
    expect(Date.parse(paid.body.statutoryDueAt)).toBeGreaterThanOrEqual(
      Date.parse(before.body.statutoryDueAt),
    );
  });

  it('answers an illegal transition with 409 and the allowed actions', async () => {
    const { dossierCode } = await submit();
    const early = await officerAct<ErrorBody>(commune, dossierCode, { type: 'return_result' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('ILLEGAL_TRANSITION');
    expect(early.body.error.allowed).toEqual(['accept', 'refuse', 'request_supplement']);
  });

  describe('authorisation matrix: another unit can neither see nor act', () => {
    let dossierCode: string;
    beforeAll(async () => {
      dossierCode = (await submit()).dossierCode;
    });

    it('the queue of another unit does not list it', async () => {
      const other = await wholeQueue(otherCommune);
      expect(other.agencyCode).toBe(OTHER_COMMUNE);
      expect(other.dossiers.map((d) => d.dossierCode)).not.toContain(dossierCode);
    });

    it('reading it from another unit is 404, from its own unit 200 with personal data', async () => {
      expect(
        (await officerGet(otherCommune, `/officer/dossiers/${encodeURIComponent(dossierCode)}`)).status,
      ).toBe(404);
      expect(
        (await officerGet(district, `/officer/dossiers/${encodeURIComponent(dossierCode)}`)).status,
      ).toBe(404);
      const own = await officerGet<OfficerView>(
        commune,
        `/officer/dossiers/${encodeURIComponent(dossierCode)}`,
      );
      expect(own.status).toBe(200);
      expect(own.body.applicant.fullName).toBe('Nguyễn Thị Hoa');
    });

    it.each([
      { type: 'accept' },
      { type: 'refuse', reason: 'x' },
      { type: 'start_processing' },
      { type: 'request_supplement', reason: 'x', documents: ['y'] },
      { type: 'receive_supplement' },
      { type: 'transfer', toAgencyCode: OTHER_COMMUNE },
      { type: 'request_payment', amountVnd: 1 },
      { type: 'confirm_payment' },
      { type: 'stop', reason: 'x' },
      { type: 'complete' },
      { type: 'return_result' },
    ])('$type from another unit is refused and changes nothing', async (action) => {
      const answer = await officerAct<ErrorBody>(otherCommune, dossierCode, action);
      expect(answer.status).toBe(404);
      const own = await officerGet<OfficerView>(
        commune,
        `/officer/dossiers/${encodeURIComponent(dossierCode)}`,
      );
      expect(own.body.status).toBe('submitted');
    });

    it('no token, a garbage token or a forged token is 401', async () => {
      expect((await api('/officer/dossiers')).status).toBe(401);
      expect((await officerGet('not-a-jwt', '/officer/dossiers')).status).toBe(401);
      const [header, payload] = commune.split('.');
      const forgedPayload = Buffer.from(
        JSON.stringify({
          ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()),
          'custom:agency_code': OTHER_COMMUNE,
        }),
      ).toString('base64url');
      const forged = `${header}.${forgedPayload}.${commune.split('.')[2]}`;
      expect((await officerGet(forged, `/officer/dossiers/${encodeURIComponent(dossierCode)}`)).status).toBe(
        401,
      );
      // A genuine token from another user pool, naming this unit, is still refused.
      const foreign = await signInForeignOfficer(COMMUNE);
      expect((await officerGet(foreign, '/officer/dossiers')).status).toBe(401);
    });
  });
});
