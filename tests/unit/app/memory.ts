import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import type { LifecyclePorts, Log } from '../../../shared/app/officer-desk/act-on-dossier.ts';
import type { AgencyRecord } from '../../../shared/contracts/catalog.ts';
import type { Signature } from '../../../shared/contracts/signing.ts';
import { type AuditEntry, type AuditFields, nextAuditEntry } from '../../../shared/domain/audit/audit.ts';
import { weekendsOnlyCalendar } from '../../../shared/domain/calendar/calendar.ts';
import { DomainError } from '../../../shared/domain/common/errors.ts';
import type { UploadClaim } from '../../../shared/domain/intake/attachment.ts';
import type { DossierRecord } from '../../../shared/domain/lifecycle/dossier.ts';
import type { LifecycleOutcome } from '../../../shared/domain/lifecycle/lifecycle.ts';
import type { CitizenMailMessage } from '../../../shared/domain/mail/citizen-mail.ts';
import type { SigningAlgorithm } from '../../../shared/domain/signing/signing-keys.ts';
import { storedDossier } from './dossier-fixture.ts';
import { afterOutcome } from './fixtures.ts';

/** Log lines kept in order, to read back what was logged. */
export function memoryLog() {
  const lines: { level: 'info' | 'warn'; message: string; fields: Record<string, unknown> }[] = [];
  const log: Log = {
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
  };
  return { log, lines };
}

/** A clock standing at `start` (Vietnam time) that a test moves on by hand. */
/**
 * A presigner that records what it was asked to link and answers a link that names the key and its
 * lifetime, as S3's presigned GET does.
 */
export function memoryPresigner() {
  const links: { key: string; seconds: number; contentType: string; contentDisposition: string }[] = [];
  const files = {
    presignFile: async (
      key: string,
      seconds: number,
      response: { contentType: string; contentDisposition: string },
    ) => {
      links.push({ key, seconds, ...response });
      return `https://bucket.test/${key}?X-Amz-Expires=${seconds}`;
    },
  };
  return { files, links };
}

export function memoryClock(start = '2026-12-01T09:00:00+07:00') {
  let at = Date.parse(start);
  return {
    now: () => new Date(at),
    advance: (ms: number) => {
      at += ms;
    },
  };
}

/** Hash-chained audit entries in memory; `putItems` is the write the stores commit with their change. */
export function memoryAudit() {
  const chains = new Map<string, AuditEntry[]>();
  const commit = (entry: AuditEntry) => {
    const chain = chains.get(entry.chain) ?? [];
    if (chain.some((held) => held.seq === entry.seq)) throw new Error(`seq ${entry.seq} taken`);
    chains.set(entry.chain, [...chain, entry]);
  };
  const audit = {
    next: async (chain: string, fields: AuditFields) =>
      nextAuditEntry(chain, chains.get(chain)?.at(-1), fields),
    putItems: (entry: AuditEntry) => [entry],
    append: async (chain: string, fields: AuditFields) => {
      const entry = await audit.next(chain, fields);
      commit(entry);
      return entry;
    },
  };
  return { audit, chains, commit };
}

/** An ECDSA P-256 key standing in for the KMS keys: signatures a verifier can check. */
export function memorySigner() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const value = (message: Uint8Array) => sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
  const signed: string[] = [];
  return {
    publicKey,
    signed,
    sign: async (keyId: string, canonical: string, algorithm: SigningAlgorithm): Promise<Signature> => {
      signed.push(canonical);
      return {
        keyId,
        algorithm,
        canonicalization: 'RFC8785-JCS',
        value: value(Buffer.from(canonical, 'utf8')).toString('base64'),
      };
    },
    signFile: async (keyId: string, bytes: Uint8Array, algorithm: SigningAlgorithm) => ({
      keyId,
      algorithm,
      value: value(bytes).toString('base64'),
    }),
  };
}

/**
 * Dossiers, their audit chains and the upload claims, in memory, with the stores' guarantees: a
 * change is written with its audit entry and claim, all or nothing, only on the version read.
 */
export function memoryLifecycle(initial: readonly DossierRecord[] = []) {
  const dossiers = new Map(initial.map((dossier) => [dossier.dossierCode, structuredClone(dossier)]));
  const claims = new Map<string, UploadClaim>();
  const mail: Omit<CitizenMailMessage, 'type'>[] = [];
  const { audit, chains, commit } = memoryAudit();
  const { log, lines } = memoryLog();
  const clock = memoryClock();
  const ports: LifecyclePorts<UploadClaim> = {
    dossiers: {
      get: async (code) => structuredClone(dossiers.get(code)),
      applyLifecycle: async (dossier, outcome: LifecycleOutcome, entry, claim) => {
        const current = dossiers.get(dossier.dossierCode);
        if (!current || current.version !== dossier.version) {
          throw new DomainError('ILLEGAL_TRANSITION', {
            vi: 'Hồ sơ vừa thay đổi.',
            en: 'Changed meanwhile.',
          });
        }
        if (claim && claims.has(claim.item.uploadKey)) throw claim.refused;
        commit(entry);
        if (claim) claims.set(claim.item.uploadKey, claim.item);
        const updated = afterOutcome(current, outcome);
        dossiers.set(updated.dossierCode, updated);
        return structuredClone(updated);
      },
    },
    audit,
    mail: {
      enqueue: async (message) => {
        mail.push(message);
      },
    },
    calendar: weekendsOnlyCalendar,
    log,
    now: clock.now,
  };
  return { ports, dossiers, claims, mail, chains, lines, clock };
}

export const commune: AgencyRecord = {
  code: '000.17.22.H56',
  name: 'UBND xã Quảng Bình',
  tier: 'commune',
  officialEmail: 'vanthu@quangbinh.thanhhoa.gov.vn',
};
export const district: AgencyRecord = {
  code: '000.00.22.H56',
  name: 'UBND huyện Quảng Xương',
  tier: 'district',
  officialEmail: 'vanthu@quangxuong.thanhhoa.gov.vn',
};
export const province: AgencyRecord = {
  code: '000.00.00.H56',
  name: 'UBND tỉnh Thanh Hóa',
  tier: 'province',
  officialEmail: 'vanthu@thanhhoa.gov.vn',
};

/** A dossier as intake stores it, held by `agency`. */
export function dossier(overrides: Partial<DossierRecord> = {}): DossierRecord {
  const agency = overrides.currentAgency ?? { code: commune.code, name: commune.name, tier: commune.tier };
  const stored = storedDossier();
  const status = overrides.status ?? 'submitted';
  // A dossier submitted online has no receipt, appointment or reception time until the desk receives it.
  const received = status !== 'submitted' || overrides.receivedAt !== undefined;
  return storedDossier({
    dossierCode: 'H56.17.22-261201-0001',
    version: 1,
    currentAgencyCode: agency.code,
    currentAgency: agency,
    agency,
    status,
    submittedAt: '2026-12-01T08:00:00+07:00',
    receivedAt: received ? '2026-12-01T08:00:00+07:00' : undefined,
    dueAt: received ? '2026-12-04T08:00:00+07:00' : undefined,
    applicant: {
      fullName: 'Nguyễn Thị Hoa',
      idNumber: '038190000123',
      address: 'Thôn 3, xã Quảng Bình',
      phone: '0912345678',
    },
    lookupSecretHash: createHash('sha256').update('secret').digest('hex'),
    receipt:
      received && stored.receipt
        ? { ...stored.receipt, signature: { ...stored.receipt.signature, value: 'AA==' } }
        : undefined,
    history: [{ status: 'submitted', at: '2026-12-01T08:00:00+07:00', by: 'citizen' }],
    ...overrides,
  });
}

/** The form 04 the deadline sweep drafts once `dossier()`'s appointment passed: no reason yet. */
export const sweepApologyDraft = {
  state: 'draft' as const,
  draftedAt: '2026-12-01T08:00:00+07:00',
  draftedBy: 'system',
  missedDueAt: '2026-12-04T08:00:00+07:00',
  proposedDueAt: '2026-12-07T08:00:00+07:00',
};

/** The document exchange's signer (a session key in deployments): one P-256 key, no delegation. */
export function memoryDocumentSigner() {
  const signer = memorySigner();
  return {
    publicKeyPem: signer.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    signed: signer.signed,
    sign: (canonical: string) => signer.sign('document-key', canonical, 'ECDSA_SHA_256'),
  };
}
