import { constants, createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import {
  type LookupSecretSealer,
  recordDossier,
  type SubmitPorts,
  submitDossier,
} from '../../../shared/app/intake/submit-dossier.ts';
import type { DossierGate } from '../../../shared/app/lookup/dossier-gate.ts';
import type { AgencyRecord } from '../../../shared/contracts/catalog.ts';
import { SubmitDossierRequestSchema } from '../../../shared/contracts/dossiers.ts';
import type { RoutingMessage } from '../../../shared/contracts/routing.ts';
import type { Signature } from '../../../shared/contracts/signing.ts';
import { type AuditEntry, type AuditFields, nextAuditEntry } from '../../../shared/domain/audit/audit.ts';
import { vietnameseCivilServiceCalendar } from '../../../shared/domain/calendar/holidays.ts';
import type { UploadClaim } from '../../../shared/domain/intake/attachment.ts';
import { feedbackAlreadyGiven, feedbackOpen } from '../../../shared/domain/intake/feedback.ts';
import type { IntakeClaim } from '../../../shared/domain/intake/intake-claim.ts';
import { secretOpens } from '../../../shared/domain/intake/lookup-secret.ts';
import type {
  CitizenFeedback,
  DossierAttachment,
  DossierRecord,
} from '../../../shared/domain/lifecycle/dossier.ts';
import type { LifecycleOutcome } from '../../../shared/domain/lifecycle/lifecycle.ts';
import {
  type CounterMove,
  counterMoves,
  DUE_CELL_PREFIX,
  type DueEntry,
  dueDay,
  mineCell,
  type QueueCountMoves,
  TABS_CELL,
} from '../../../shared/domain/officers/queue-counts.ts';
import {
  compareName,
  compareQueue,
  type NamePosition,
  OPEN_RANGE,
  type QueueKeyRange,
  type QueuePosition,
  queueAttributes,
} from '../../../shared/domain/officers/work-queue.ts';
import { CANONICALIZATION } from '../../../shared/domain/signing/signature.ts';
import type { SigningAlgorithm } from '../../../shared/domain/signing/signing-keys.ts';
import { afterOutcome, commune, memoryProcesses, procedureOf } from './fixtures.ts';

export { commune, procedureOf };

/** A unit whose registry entry asks for RSA signatures. */
export const district: AgencyRecord = {
  code: '000.00.23.H56',
  name: 'Ủy ban nhân dân huyện Quảng Xương',
  tier: 'district',
  officialEmail: 'quangxuong@thanhhoa.gov.vn',
  signingAlgorithm: 'RSASSA_PSS_SHA_256',
};

export const birthInCommune = procedureOf(commune, '1.001193.000.00.00.H56');
export const birthInDistrict = procedureOf(district, '1.001193.000.00.00.H57');
/** Birth registration with its document components: the form, and the birth certificate or a witness. */
export const birthWithDocuments = procedureOf(commune, '1.001193.000.00.00.H59', {
  requiredDocuments: [
    {
      code: 'TO_KHAI',
      name: 'Tờ khai đăng ký khai sinh',
      form: 'original',
      copies: 1,
      mandatory: true,
      alternates: [],
    },
    {
      code: 'GIAY_CHUNG_SINH',
      name: 'Giấy chứng sinh',
      nameEn: 'Birth certificate',
      form: 'original',
      copies: 1,
      mandatory: true,
      alternates: ['VAN_BAN_LAM_CHUNG'],
    },
    {
      code: 'VAN_BAN_LAM_CHUNG',
      name: 'Văn bản làm chứng',
      form: 'original',
      copies: 1,
      mandatory: false,
      alternates: [],
    },
  ],
});

const ecdsa = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const KEY_IDS = { ecdsa: 'key-ecdsa', rsa: 'key-rsa' } as const;
const PRIVATE_KEYS: Record<string, KeyObject> = {
  [KEY_IDS.ecdsa]: ecdsa.privateKey,
  [KEY_IDS.rsa]: rsa.privateKey,
};
export const PUBLIC_KEYS: Record<string, KeyObject> = {
  [KEY_IDS.ecdsa]: ecdsa.publicKey,
  [KEY_IDS.rsa]: rsa.publicKey,
};
export const publicPem = (keyId: string) =>
  PUBLIC_KEYS[keyId]?.export({ format: 'pem', type: 'spki' }).toString() ?? '';

function signWith(keyId: string, data: Uint8Array, algorithm: SigningAlgorithm): string {
  const key = PRIVATE_KEYS[keyId];
  if (!key) throw new Error(`No key ${keyId}`);
  const signed =
    algorithm === 'RSASSA_PSS_SHA_256'
      ? sign('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
      : sign('sha256', data, { key, dsaEncoding: 'der' });
  return signed.toString('base64');
}

/** A key service holding the two platform keys in memory, counting what it signs. */
export class MemorySigner {
  readonly signed: { keyId: string; algorithm: SigningAlgorithm; what: 'text' | 'file' }[] = [];

  async sign(keyId: string, canonical: string, algorithm: SigningAlgorithm): Promise<Signature> {
    this.signed.push({ keyId, algorithm, what: 'text' });
    const value = signWith(keyId, Buffer.from(canonical, 'utf8'), algorithm);
    return { keyId, algorithm, canonicalization: CANONICALIZATION, value };
  }

  async signFile(keyId: string, bytes: Uint8Array, algorithm: SigningAlgorithm) {
    this.signed.push({ keyId, algorithm, what: 'file' });
    return { keyId, algorithm, value: signWith(keyId, bytes, algorithm) };
  }

  async publicKey(keyId: string) {
    const key = PUBLIC_KEYS[keyId];
    if (!key) throw new Error(`No key ${keyId}`);
    return {
      keyId,
      publicKeyPem: publicPem(keyId),
      jwk: { ...key.export({ format: 'jwk' }), kid: keyId, use: 'sig' },
    };
  }
}

/** The sealer's envelope, reversible in memory and bound to its context like the real one. */
export const memorySealer: LookupSecretSealer & { isSealed(value: unknown): value is string } = {
  seal: async (plaintext, context) =>
    `sealed.test.${Buffer.from(`${context}|${plaintext}`).toString('base64url')}`,
  open: async (sealed, context) => {
    const [boundTo, plaintext] = Buffer.from(sealed.slice('sealed.test.'.length), 'base64url')
      .toString('utf8')
      .split('|');
    if (boundTo !== context || plaintext === undefined) throw new Error('Sealed for another dossier');
    return plaintext;
  },
  isSealed: (value: unknown): value is string =>
    typeof value === 'string' && value.startsWith('sealed.test.'),
};

/** The error of a conditional write that did not hold. */
/** The keyed digest as the deployment makes it, with a key of the tests. */
export const memoryDigest = (identifier: string) =>
  createHmac('sha256', 'test-search-key').update(identifier, 'utf8').digest('base64url');

export class RefusedWrite extends Error {}

const isUploadClaim = (item: unknown): item is UploadClaim =>
  typeof item === 'object' && item !== null && 'uploadKey' in item && 'dossierCode' in item;

/** Dossiers, their audit chains and the claims, held in memory with the stores' write conditions. */
export class MemoryDossiers {
  readonly records = new Map<string, DossierRecord>();
  readonly intakeClaims = new Map<string, IntakeClaim>();
  readonly uploadClaims = new Map<string, UploadClaim>();
  readonly chains = new Map<string, AuditEntry[]>();
  readonly queued = new Map<string, string>();
  /** Runs before a `create` is applied: a concurrent writer's turn. */
  beforeCreate: () => Promise<void> | void = () => {};

  async create(
    record: DossierRecord,
    entry: AuditEntry,
    claim?: { tableName: string; item: IntakeClaim },
    uploadClaims: readonly unknown[] = [],
  ): Promise<void> {
    await this.beforeCreate();
    const claims = uploadClaims.filter(isUploadClaim);
    if (this.records.has(record.dossierCode)) throw new RefusedWrite('dossier exists');
    if (claim && this.intakeClaims.has(claim.item.id)) throw new RefusedWrite('intake claimed');
    if (claims.some((c) => this.uploadClaims.has(c.uploadKey))) throw new RefusedWrite('upload claimed');
    this.records.set(record.dossierCode, record);
    this.chains.set(entry.chain, [entry]);
    if (claim) this.intakeClaims.set(claim.item.id, claim.item);
    for (const c of claims) this.uploadClaims.set(c.uploadKey, c);
  }

  async intakeClaim(_tableName: string, id: string) {
    return this.intakeClaims.get(id);
  }

  async get(dossierCode: string) {
    return this.records.get(dossierCode);
  }

  async markQueued(dossierCode: string, queuedAt: string) {
    this.queued.set(dossierCode, queuedAt);
  }

  async applyLifecycle(dossier: DossierRecord, outcome: LifecycleOutcome, entry: AuditEntry) {
    const current = this.records.get(dossier.dossierCode);
    if (!current || current.version !== dossier.version) throw new RefusedWrite('changed meanwhile');
    const updated = afterOutcome(current, outcome);
    this.records.set(dossier.dossierCode, updated);
    this.chains.set(entry.chain, [...(this.chains.get(entry.chain) ?? []), entry]);
    return updated;
  }

  async recordSupplement(
    dossier: DossierRecord,
    outcome: LifecycleOutcome,
    files: readonly DossierAttachment[],
    entry: AuditEntry,
    uploadClaims: readonly unknown[],
  ) {
    const current = this.records.get(dossier.dossierCode);
    if (!current || current.version !== dossier.version) throw new RefusedWrite('changed meanwhile');
    const claims = uploadClaims.filter(isUploadClaim);
    if (claims.some((c) => this.uploadClaims.has(c.uploadKey))) throw new RefusedWrite('upload claimed');
    const updated = { ...afterOutcome(current, outcome), attachments: [...current.attachments, ...files] };
    this.records.set(dossier.dossierCode, updated);
    this.chains.set(entry.chain, [...(this.chains.get(entry.chain) ?? []), entry]);
    for (const c of claims) this.uploadClaims.set(c.uploadKey, c);
    return updated;
  }

  async recordFeedback(dossierCode: string, feedback: CitizenFeedback) {
    const current = this.records.get(dossierCode);
    if (!current || !feedbackOpen(current)) throw feedbackAlreadyGiven();
    this.records.set(dossierCode, { ...current, feedback });
  }

  /** The audit log's side: entries chained per dossier. */
  readonly audit = {
    next: async (chain: string, fields: AuditFields) => {
      const entries = this.chains.get(chain) ?? [];
      return nextAuditEntry(chain, entries.at(-1), fields);
    },
    append: async (chain: string, fields: AuditFields) => {
      const entries = this.chains.get(chain) ?? [];
      const entry = nextAuditEntry(chain, entries.at(-1), fields);
      this.chains.set(chain, [...entries, entry]);
      return entry;
    },
  };
}

/** The lookup gate as a citizen presenting `secret` meets it (the lockout is LookupGate's own test). */
export function memoryGate(secret: string | undefined): DossierGate {
  return {
    open: async (_code, read, notFound) => {
      const dossier = await read();
      if (dossier && secretOpens(secret, dossier.lookupSecretHash)) return dossier;
      throw notFound();
    },
  };
}

export interface Upload {
  bytes: Uint8Array;
  etag: string;
  contentType?: string;
}

/** Everything intake needs, in memory; `clock` moves one second per reading. */
export function intakePorts() {
  const dossiers = new MemoryDossiers();
  const uploads = new Map<string, Upload>();
  const files = new Map<string, { from: string; contentType: string; sha256: string }>();
  const counters = new Map<string, number>();
  const sent: { queueUrl: string; message: RoutingMessage }[] = [];
  const logs: { level: 'info' | 'error'; message: string; fields: Record<string, unknown> }[] = [];
  const signer = new MemorySigner();
  const sessionSigned: string[] = [];
  let clock = Date.parse('2026-11-24T09:15:00+07:00');
  const ports: SubmitPorts = {
    reference: {
      getProcedure: async (code) =>
        [birthInCommune, birthInDistrict, birthWithDocuments].find((p) => p.code === code),
      getAgency: async (code) => [commune, district].find((a) => a.code === code),
    },
    processes: memoryProcesses(),
    counters: {
      next: async (key) => {
        const next = (counters.get(key) ?? 0) + 1;
        counters.set(key, next);
        return next;
      },
    },
    uploads: {
      readUpload: async (key) => {
        const upload = uploads.get(key);
        return upload && { sizeBytes: upload.bytes.byteLength, ...upload };
      },
      bindUpload: async (uploadKey, etag, targetKey, file) => {
        if (uploads.get(uploadKey)?.etag !== etag) return false;
        files.set(targetKey, { from: uploadKey, ...file });
        return true;
      },
    },
    claims: {
      uploads: {
        existing: async (keys) => keys.flatMap((key) => dossiers.uploadClaims.get(key) ?? []),
        putItem: (claim) => claim,
      },
      table: 'Idempotency',
    },
    dossiers,
    refusedWrite: (error) => error instanceof RefusedWrite,
    signers: {
      session: {
        sign: async (canonical) => {
          sessionSigned.push(canonical);
          return signer.sign(KEY_IDS.ecdsa, canonical, 'ECDSA_SHA_256');
        },
      },
      kms: signer,
      keys: KEY_IDS,
    },
    sealer: memorySealer,
    identifiers: { digest: async (identifier) => memoryDigest(identifier) },
    routing: {
      queues: { commune: 'queue-commune', district: 'queue-district' },
      send: async (queueUrl, message) => {
        sent.push({ queueUrl, message });
      },
    },
    log: {
      info: (message, fields) => logs.push({ level: 'info', message, fields }),
      error: (message, fields) => logs.push({ level: 'error', message, fields }),
    },
    now: () => {
      clock += 1000;
      return new Date(clock);
    },
    calendar: vietnameseCivilServiceCalendar(),
  };
  return { ports, dossiers, uploads, files, sent, logs, signer, sessionSigned };
}

/** A citizen's submission of `procedureCode`, with the uploads it names. */
export function requestFor(
  procedureCode: string,
  attachments: { key: string; fileName: string; documentCode?: string }[] = [],
) {
  return SubmitDossierRequestSchema.parse({
    procedureCode,
    applicant: {
      fullName: 'Trần Thị Bình',
      idNumber: '038099001234',
      address: 'Thôn 2',
      phone: '0912 345 678',
    },
    attachments,
  });
}

/**
 * A dossier received through intake (recorded at its unit's counter, so received at once), with the
 * citizen's lookup secret in clear; `submittedOnline` leaves it waiting for reception instead.
 */
export async function receivedDossier(procedureCode = birthInCommune.code, { submittedOnline = false } = {}) {
  const memory = intakePorts();
  const online = requestFor(procedureCode);
  const procedure = [birthInCommune, birthInDistrict].find((candidate) => candidate.code === procedureCode);
  const unit = { code: procedure?.agencyCode ?? commune.code };
  const officer = { id: 'sub-1', username: 'tiep-nhan-1' };
  const counter = { ...online, channel: 'counter' as const };
  const outcome = submittedOnline
    ? await submitDossier(memory.ports, online, { body: JSON.stringify(online) })
    : await recordDossier(memory.ports, counter, { body: JSON.stringify(counter) }, { officer, unit });
  if (outcome.replayed) throw new Error('A first submission is not a replay');
  const { dossierCode, lookupSecret } = outcome.answer;
  return { ...memory, dossierCode, secret: await memorySealer.open(lookupSecret, dossierCode) };
}

/**
 * The queue's counters in memory, as the counter store keeps them: cells and day entries per unit code
 * moved once per dossier version (a day cell brought to zero deleted), read summed over codes, replaced
 * by a recount.
 */
export function memoryQueueCounters() {
  const cells = new Map<string, Partial<Record<'all' | 'reception' | 'mine' | 'due', number>>>();
  /** Entries by unit and day, then by dossier code: the appointment. */
  const entries = new Map<string, Map<string, string>>();
  const applied = new Map<string, number>();
  const key = (unit: string, cell: string) => `${unit}\n${cell}`;
  const dayOf = (entry: DueEntry) => key(entry.unit, dueDay(entry.dueAt));
  const setEntry = (entry: DueEntry, present: boolean) => {
    const day = entries.get(dayOf(entry)) ?? new Map<string, string>();
    if (present) day.set(entry.dossierCode, entry.dueAt);
    else if (day.get(entry.dossierCode) === entry.dueAt) day.delete(entry.dossierCode);
    entries.set(dayOf(entry), day);
  };
  const moveCell = (move: CounterMove) => {
    const cell = cells.get(key(move.unit, move.cell)) ?? {};
    for (const [field, by] of Object.entries(move.by)) {
      if (field === 'all' || field === 'reception' || field === 'mine' || field === 'due')
        cell[field] = (cell[field] ?? 0) + by;
    }
    if (move.cell.startsWith(DUE_CELL_PREFIX) && cell.due === 0) cells.delete(key(move.unit, move.cell));
    else cells.set(key(move.unit, move.cell), cell);
  };
  return {
    cells,
    entries,
    apply: async (dossierCode: string, version: number, moves: QueueCountMoves) => {
      const items = [
        ...moves.cells.map((move) => key(move.unit, move.cell)),
        ...[...moves.put, ...moves.remove].map(
          (entry) => `${dayOf(entry)}\n${entry.dueAt}#${entry.dossierCode}`,
        ),
      ];
      // As DynamoDB refuses a transaction that writes one item twice.
      if (new Set(items).size !== items.length)
        throw new Error('Transaction request cannot include multiple operations on one item');
      if ((applied.get(dossierCode) ?? -1) >= version) return false;
      applied.set(dossierCode, version);
      for (const move of moves.cells) moveCell(move);
      for (const entry of moves.remove) setEntry(entry, false);
      for (const entry of moves.put) setEntry(entry, true);
      return true;
    },
    read: async (units: readonly string[], username: string) => {
      const counts = { all: 0, reception: 0, mine: 0 };
      for (const unit of units) {
        const tabs = cells.get(key(unit, TABS_CELL));
        counts.all += tabs?.all ?? 0;
        counts.reception += tabs?.reception ?? 0;
        counts.mine += cells.get(key(unit, mineCell(username)))?.mine ?? 0;
      }
      return counts;
    },
    dueDays: async (unit: string, through: string) =>
      [...cells]
        .filter(([stored]) => stored.startsWith(key(unit, DUE_CELL_PREFIX)))
        .map(([stored, cell]) => ({
          day: stored.slice(key(unit, DUE_CELL_PREFIX).length),
          due: cell.due ?? 0,
        }))
        .filter(({ day }) => day <= through),
    dueEntries: async (unit: string, day: string) => [...(entries.get(key(unit, day))?.values() ?? [])],
    replace: async (unit: string, replaced: readonly CounterMove[], dueEntries: readonly DueEntry[]) => {
      for (const stored of [...cells.keys()].filter((stored) => stored.startsWith(`${unit}\n`))) {
        if (stored.startsWith(key(unit, DUE_CELL_PREFIX))) cells.delete(stored);
        else cells.set(stored, stored.endsWith(`\n${TABS_CELL}`) ? { all: 0, reception: 0 } : { mine: 0 });
      }
      for (const cell of replaced) cells.set(key(cell.unit, cell.cell), { ...cell.by });
      for (const stored of [...entries.keys()].filter((stored) => stored.startsWith(`${unit}\n`)))
        entries.delete(stored);
      for (const entry of dueEntries) setEntry(entry, true);
    },
  };
}

/**
 * The queue index in memory: each record as the store writes it (with its queue attributes), read
 * by partition, key range and position exactly as the store's queries read the index; its name and
 * identifier indexes; and its counters, moved by each record's insertion as the stream moves them.
 */
export function memoryQueue(records: readonly DossierRecord[]) {
  const items = records
    .map((record) => ({ ...record, ...queueAttributes(record) }))
    .sort((a, b) => compareQueue(a, b));
  /** Each read of a partition: the partition and how many items it asked for. */
  const reads: { partition: string; limit: number }[] = [];
  const partition = (name: string, range: QueueKeyRange | undefined) =>
    items.filter(
      (item) =>
        item.queuePartition === name &&
        (!range || (item.queueKey >= range.from && item.queueKey <= range.to)),
    );
  const counters = memoryQueueCounters();
  for (const item of items)
    void counters.apply(item.dossierCode, item.version, counterMoves(undefined, item));
  const byName = [...items].filter((item) => item.searchName !== undefined).sort(compareName);
  return {
    reads,
    counters,
    dossiers: {
      queuePage: async (
        name: string,
        range: QueueKeyRange | undefined,
        after: QueuePosition | undefined,
        limit: number,
      ) => {
        reads.push({ partition: name, limit });
        const rest = partition(name, range).filter((item) => !after || item.queueKey > after.queueKey);
        return { items: rest.slice(0, limit), more: rest.length > limit };
      },
      openQueue: async (name: string) => partition(name, OPEN_RANGE),
    },
    search: {
      byCodes: async (codes: readonly string[]) => items.filter((item) => codes.includes(item.dossierCode)),
      byIdentifierDigest: async (digest: string) =>
        items.filter((item) => item.idDigest === digest || item.secondIdDigest === digest),
      namePage: async (name: string, prefix: string, after: NamePosition | undefined, limit: number) => {
        reads.push({ partition: name, limit });
        const rest = byName.filter(
          (item) =>
            item.queuePartition === name &&
            (item.searchName ?? '').startsWith(prefix) &&
            (!after || compareName(item, after) > 0),
        );
        return { items: rest.slice(0, limit), more: rest.length > limit };
      },
    },
  };
}
