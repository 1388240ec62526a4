import { describe, expect, it } from 'vitest';
import {
  isDossierView,
  isFeedback,
  isKpiResponse,
  isLink,
  isProcedureList,
  isSigningKeys,
  isSubmitDossierResponse,
  isUploadResponse,
  isVerdict,
  stringAt,
} from '../../../web/src/answers.ts';

const receipt = {
  document: { receivedAtWording: '9 giờ 15 phút, ngày 24/11/2026' },
  canonical: '{}',
  signature: { keyId: 'k', algorithm: 'ECDSA_SHA_256', value: 'MEUC' },
};

describe('the pages’ checks of the API’s answers', () => {
  it('accept the answers the API gives', () => {
    expect(isProcedureList({ procedures: [], agencies: [] })).toBe(true);
    expect(isUploadResponse({ key: 'uploads/a', url: 'https://s3/', fields: { policy: 'p' } })).toBe(true);
    expect(
      isSubmitDossierResponse({
        dossierCode: 'D1',
        lookupSecret: 's',
        status: 'submitted',
        submittedAt: '2026-11-24T09:15:00+07:00',
      }),
    ).toBe(true);
    expect(isDossierView({ dossierCode: 'D1', status: 'submitted', receipt, feedbackOpen: false })).toBe(
      true,
    );
    expect(isKpiResponse({ granularity: 'day', periods: [], rows: [], formulas: {} })).toBe(true);
    expect(isFeedback({ rating: 5, at: '2026-11-24T09:15:00+07:00' })).toBe(true);
    expect(isLink({ url: 'https://s3/receipt.pdf' })).toBe(true);
    expect(
      isVerdict({ valid: true, algorithm: 'ECDSA_SHA_256', keyId: 'k', key: { status: 'active' } }),
    ).toBe(true);
    expect(
      isSigningKeys({
        keys: [
          { kid: 'ec', kty: 'EC', crv: 'P-256', x: 'x', y: 'y', status: 'active' },
          { kid: 'rsa', kty: 'RSA', n: 'n', e: 'AQAB', status: 'retired' },
        ],
      }),
    ).toBe(true);
  });

  it('refuse answers missing what the pages read, or with it of another kind', () => {
    expect(isProcedureList({ procedures: [] })).toBe(false);
    expect(isUploadResponse({ key: 'uploads/a', url: 'https://s3/', fields: { size: 1 } })).toBe(false);
    expect(isSubmitDossierResponse({ dossierCode: 'D1', receipt })).toBe(false);
    expect(isDossierView({ dossierCode: 'D1', receipt: { ...receipt, canonical: 1 } })).toBe(false);
    expect(isKpiResponse({ granularity: 'day', periods: [], formulas: {} })).toBe(false);
    expect(isFeedback({ rating: '5', at: '2026-11-24' })).toBe(false);
    expect(isLink(['https://s3/receipt.pdf'])).toBe(false);
    expect(isVerdict({ valid: 'yes', algorithm: 'a', keyId: 'k' })).toBe(false);
    expect(isSigningKeys({ keys: [{ kid: 'ec', kty: 'EC', crv: 256, status: 'active' }] })).toBe(false);
    for (const value of [undefined, null, 'text', 3]) expect(isLink(value)).toBe(false);
  });

  it('read a string field only when there is one', () => {
    expect(stringAt(receipt.document, 'receivedAtWording')).toBe('9 giờ 15 phút, ngày 24/11/2026');
    expect(stringAt(receipt.document, 'appointmentAtWording')).toBeUndefined();
    expect(stringAt({ appointmentAtWording: 7 }, 'appointmentAtWording')).toBeUndefined();
    expect(stringAt(undefined, 'x')).toBeUndefined();
  });
});
