import type { AdministrationPorts } from '../../../shared/app/officers/administer-officers.ts';
import type { AgencyRecord, Procedure } from '../../../shared/contracts/catalog.ts';
import { type SendDocumentRequest, SendDocumentRequestSchema } from '../../../shared/contracts/documents.ts';
import { DomainError } from '../../../shared/domain/common/errors.ts';
import type { RecipientRecord } from '../../../shared/domain/documents/documents.ts';
import type { DossierRecord } from '../../../shared/domain/lifecycle/dossier.ts';
import type { LifecycleOutcome } from '../../../shared/domain/lifecycle/lifecycle.ts';
import type { OfficerRecord } from '../../../shared/domain/officers/officers.ts';
import { defaultProcess } from '../../../shared/domain/process/default-processes.ts';
import type { ProcessCatalog, PublishedProcess } from '../../../shared/domain/process/process-definition.ts';
import { statusOf } from '../../../shared/http/errors.ts';

/** What a refused call answers: its error code and HTTP status, or `'no error'` when it went through. */
export async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error instanceof DomainError ? [error.code, statusOf(error)] : error;
  }
  return 'no error';
}

/** A dispatch the province signs, addressed to one commune; a test names what it changes. */
export function dispatchRequest(overrides: Record<string, unknown> = {}): SendDocumentRequest {
  return SendDocumentRequestSchema.parse({
    kind: 'dispatch',
    to: ['000.17.22.H56'],
    code: { codeNumber: '12', codeNotation: 'UBND-VP' },
    promulgationInfo: { place: 'Thanh Hóa', promulgationDate: '2026-11-24' },
    documentType: { type: 2, typeName: 'Công văn' },
    subject: 'Về việc triển khai dịch vụ công',
    content: 'Nội dung.',
    signerInfo: { position: 'Chủ tịch', fullName: 'Đỗ Minh Tuấn' },
    ...overrides,
  });
}

/** The copy of the province's document number 12 that `recipient` holds, as sent. */
export function recipientCopy(
  recipient: RecipientRecord['recipient'],
  overrides: Partial<RecipientRecord> = {},
): RecipientRecord {
  return {
    id: 'doc-1',
    documentId: '000.00.00.H56,2026/11/24,12/UBND-VP',
    recipient,
    recipientTier: 'commune',
    senderOrganId: '000.00.00.H56',
    senderTier: 'province',
    subject: 'Về việc triển khai',
    kind: 'dispatch',
    promulgationDate: '2026-11-24',
    sentAt: '2026-11-24T08:00:00.000+07:00',
    state: 'sent',
    steps: [],
    acks: {},
    version: 0,
    ...overrides,
  };
}

export const commune: AgencyRecord = {
  code: '000.17.22.H56',
  name: 'Ủy ban nhân dân xã Quảng Bình',
  tier: 'commune',
  officialEmail: 'quangbinh@thanhhoa.gov.vn',
};

/** Birth registration (three working days, fully online) as `agency` runs it under `code`. */
export function procedureOf(
  agency: AgencyRecord,
  code: string,
  overrides: Partial<Procedure> = {},
): Procedure {
  return {
    code,
    name: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    agencyCode: agency.code,
    tier: agency.tier,
    processingTime: 3,
    processingUnit: 'working_days',
    onlineLevel: 'full',
    legacyLevel: 4,
    requiredDocuments: [],
    feeVnd: 0,
    resultSigned: true,
    countsFromNextDayAfter15h: true,
    ...overrides,
  };
}

/** Sign-in accounts and officer records in memory; `signedAt` tells when a sign-out everywhere happened. */
export function memoryOfficerAccounts(signedAt: () => number) {
  const accounts = new Map<string, { id: string; enabled: boolean; signedOutAt?: number }>();
  const records = new Map<string, OfficerRecord>();
  const setEnabled = (username: string, enabled: boolean) => {
    const account = accounts.get(username);
    if (account) account.enabled = enabled;
  };
  const ports: Pick<AdministrationPorts, 'accounts' | 'records'> = {
    accounts: {
      create: async ({ username }) => {
        if (accounts.has(username)) throw new Error('UsernameExistsException');
        const id = `sub-${accounts.size + 1}`;
        accounts.set(username, { id, enabled: true });
        return { officerId: id };
      },
      idOf: async (username) => accounts.get(username)?.id,
      disable: async (username) => setEnabled(username, false),
      enable: async (username) => setEnabled(username, true),
      signOutEverywhere: async (username) => {
        const account = accounts.get(username);
        if (account) account.signedOutAt = signedAt();
      },
    },
    records: {
      get: async (id) => records.get(id),
      put: async (record) => {
        records.set(record.officerId, record);
      },
    },
  };
  return { accounts, records, ports };
}

/** The dossier as the store writes it after a lifecycle step: the new state, one more version and history entry. */
export function afterOutcome(current: DossierRecord, outcome: LifecycleOutcome): DossierRecord {
  return {
    ...current,
    ...outcome.state,
    currentAgencyCode: outcome.state.currentAgency.code,
    version: current.version + 1,
    history: [...current.history, outcome.history],
  };
}

/** Published processes in memory; procedures naming none follow their tier's built-in default. */
export function memoryProcesses(published: PublishedProcess[] = []): ProcessCatalog {
  const defaults = (['commune', 'district', 'province', 'central'] as const).map(defaultProcess);
  return {
    forProcedure: async (procedure) =>
      published.find((process) => process.procedureCodes.includes(procedure.code)) ??
      defaultProcess(procedure.tier),
    version: async (ref) =>
      [...published, ...defaults].find(
        (process) => process.code === ref.code && process.version === ref.version,
      ),
  };
}
