import type { DossierRecord } from '../../../shared/domain/lifecycle/dossier.ts';

const commune = { code: '000.17.22.H56', name: 'Ủy ban nhân dân xã Quảng Bình', tier: 'commune' as const };

/** An applicant in person, as the register lists them; a test names the one it changes. */
export const individualApplicant = {
  kind: 'individual' as const,
  fullName: 'Nguyễn Thị Hoa',
  idNumber: '038199004321',
  address: 'Thôn Yên Trạch, xã Quảng Bình',
  phone: '0912345678',
};

/** A company applying through its legal representative; a test adds who submits for it. */
export const organisationApplicant = {
  kind: 'organisation' as const,
  name: 'Công ty TNHH Hoa Sen',
  taxCode: '0101234567',
  legalRepresentative: 'Lê Văn Tâm',
  address: 'Số 5 Lê Lợi',
  phone: '0912345678',
};

/** A stored dossier as the use cases read it, complete, with what a test changes given in `overrides`. */
export function storedDossier(overrides: Partial<DossierRecord> = {}): DossierRecord {
  return {
    dossierCode: '000.17.22.H56-261124-0001',
    kpiShard: '0',
    version: 3,
    currentAgencyCode: commune.code,
    agency: commune,
    currentAgency: commune,
    procedure: { code: '1.001193.000.00.00.H56', name: 'Đăng ký khai sinh' },
    channel: 'online',
    status: 'in_progress',
    receivedAt: '2026-11-24T09:15:00+07:00',
    dueAt: '2026-11-27T09:15:00+07:00',
    applicant: {
      fullName: 'Nguyễn Thị Hoà',
      idNumber: '038199004321',
      address: 'Thôn 1',
      phone: '0912345678',
      email: 'hoa@example.vn',
    },
    attachments: [],
    wantsMail: true,
    lookupSecretHash: 'hash',
    receipt: {
      document: {},
      canonical: '{}',
      signature: { keyId: 'k', algorithm: 'ECDSA_SHA_256', canonicalization: 'RFC8785-JCS', value: 'MEUC' },
    },
    history: [{ status: 'submitted', at: '2026-11-24T09:15:00+07:00', by: 'citizen' }],
    routing: { tier: 'commune' },
    supplementRequests: 0,
    controlSlip: [],
    ...overrides,
  };
}
