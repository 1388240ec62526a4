import { describe, expect, it } from 'vitest';
import { digestedSearchAttributes } from '../../../../shared/app/intake/search-attributes.ts';
import { memoryDigest } from '../memory-ports.ts';

const identifiers = { digest: async (identifier: string) => memoryDigest(identifier) };
const contact = { address: 'Thôn Yên Trạch, xã Quảng Bình', phone: '0912345678' };

describe('the search attributes of an applicant', () => {
  it('digests the applicant’s and the representative’s numbers, each as one index key, never in clear', async () => {
    const representative = {
      fullName: 'Lê Văn Tám',
      idNumber: '038099001234',
      authorisationDocument: 'Giấy ủy quyền số 12/2026/UQ ngày 20/11/2026',
    };
    const applicant = { fullName: 'Đặng Thị Đào', idNumber: '038 199 004 321', ...contact, representative };
    const attributes = await digestedSearchAttributes(applicant, identifiers);
    expect(attributes).toEqual({
      applicantName: 'Đặng Thị Đào',
      searchName: 'dao dang thi',
      idDigests: [memoryDigest('038199004321'), memoryDigest('038099001234')],
      idDigest: memoryDigest('038199004321'),
      secondIdDigest: memoryDigest('038099001234'),
    });
    expect(JSON.stringify(attributes)).not.toMatch(/0381|0380/);
  });

  it('gives an organisation its tax code’s digest alone, and no second key', async () => {
    const company = {
      name: 'Công ty TNHH Hải Tiến',
      taxCode: '2801234567',
      legalRepresentative: 'Nguyễn Văn An',
    };
    const organisation = { kind: 'organisation' as const, ...company, ...contact };
    expect(await digestedSearchAttributes(organisation, identifiers)).toMatchObject({
      searchName: 'tien cong ty tnhh hai',
      idDigests: [memoryDigest('2801234567')],
      idDigest: memoryDigest('2801234567'),
      secondIdDigest: undefined,
    });
  });
});
