import { createHash, createHmac, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { seedCalendarEntries } from '../../scripts/lib/calendar-file.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { LIFECYCLE_FIELDS } from '../../shared/adapters/dossier-store.ts';
import { SessionSigner } from '../../shared/adapters/session-signer.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { UploadClaims } from '../../shared/adapters/upload-claims.ts';
import { digestedSearchAttributes } from '../../shared/app/intake/search-attributes.ts';
import { type AgencyRecord, AgencySchema, type Procedure } from '../../shared/contracts/catalog.ts';
import type { HistoryEntry, SubmitDossierRequest } from '../../shared/contracts/dossiers.ts';
import type { Signature } from '../../shared/contracts/signing.ts';
import { type AuditEntry, type AuditFields, nextAuditEntry } from '../../shared/domain/audit/audit.ts';
import { calendarFromEntries } from '../../shared/domain/calendar/calendar-entries.ts';
import { toVietnamIso } from '../../shared/domain/calendar/time.ts';
import { attachmentKey, dossierFileKey, newUploadClaim } from '../../shared/domain/intake/attachment.ts';
import { validateCatalog } from '../../shared/domain/intake/catalog-import.ts';
import { formatDossierCode } from '../../shared/domain/intake/dossier-code.ts';
import { newFeedback } from '../../shared/domain/intake/feedback.ts';
import { type CheckedFile, prepareDossier, receptionOf } from '../../shared/domain/intake/intake.ts';
import { newIntakeClaim } from '../../shared/domain/intake/intake-claim.ts';
import { hashLookupSecret, newLookupSecret } from '../../shared/domain/intake/lookup-secret.ts';
import { canonicalJson } from '../../shared/domain/intake/receipt.ts';
import { factsOfDossier, kpiFactsOf } from '../../shared/domain/kpi/kpi.ts';
import { deadlineWatch } from '../../shared/domain/lifecycle/deadline-alerts.ts';
import type { DossierRecord } from '../../shared/domain/lifecycle/dossier.ts';
import { DOSSIER_STATUSES } from '../../shared/domain/lifecycle/dossier-status.ts';
import {
  type Actor,
  applyAction,
  auditFieldsOf,
  type LifecycleAction,
  type LifecycleOutcome,
} from '../../shared/domain/lifecycle/lifecycle.ts';
import { mailKey } from '../../shared/domain/mail/citizen-mail.ts';
import { queueAttributes } from '../../shared/domain/officers/work-queue.ts';
import { json } from '../../shared/http/responses.ts';

/** The rules and the seeded decisions, as the deployed functions read them after `seed.ts`. */
const workingCalendar = calendarFromEntries(seedCalendarEntries());

/**
 * The items a typical dossier's life writes, built by the same domain functions and adapters the
 * handlers use (intake's `prepareDossier`, the session signer, `applyAction`, the audit chain, the
 * claims), with the seeded birth-registration procedure of a commune and a web-form request with
 * two attachments. Signatures are real ECDSA P-256 signatures made with a local key, so their
 * lengths are those KMS returns. Nothing here calls AWS.
 */

type Item = Record<string, unknown>;

const seedFile = (name: string) => new URL(`../../scripts/seed-data/${name}`, import.meta.url);
export const seededAgencies: AgencyRecord[] = z
  .array(AgencySchema)
  .parse(JSON.parse(readFileSync(seedFile('agencies.json'), 'utf8')));
const rows = (JSON.parse(readFileSync(seedFile('procedures.json'), 'utf8')) as Item[]).map(
  (values, index) => ({
    line: index + 1,
    values,
  }),
);
export const seededProcedures: Procedure[] = validateCatalog(rows, seededAgencies).procedures;

const PROCEDURE_CODE = '1.001193.000.00.00.H56';
const KMS_KEY_ARN = 'arn:aws:kms:ap-southeast-1:123456789012:key/0f6a3c5e-8d2b-4a71-9c3e-5b7d9e1f2a4c';

/** Signs locally with a P-256 key: what KMS's ECDSA_SHA_256 answers, without calling it. */
class LocalSigner extends KmsSigner {
  private readonly key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

  override async sign(keyId: string, canonical: string): Promise<Signature> {
    return {
      keyId,
      algorithm: 'ECDSA_SHA_256',
      canonicalization: 'RFC8785-JCS',
      value: sign('sha256', Buffer.from(canonical, 'utf8'), { key: this.key, dsaEncoding: 'der' }).toString(
        'base64',
      ),
    };
  }

  override async signDigest(keyId: string, digest: Buffer) {
    return {
      keyId,
      algorithm: 'ECDSA_SHA_256' as const,
      value: sign(null, digest, { key: this.key, dsaEncoding: 'der' }).toString('base64'),
    };
  }
}

/**
 * Keyed digests as `IdentifierDigest` makes them (HMAC-SHA256, base64url) under a local key instead
 * of the one derived from KMS: the same lengths, no AWS call.
 */
const localDigests = (() => {
  const key = randomBytes(32);
  return {
    digest: async (identifier: string) => createHmac('sha256', key).update(identifier).digest('base64url'),
  };
})();

export interface DossierLife {
  procedure: Procedure;
  agency: AgencyRecord;
  /** The dossier item after each write, in order. */
  stages: {
    created: Item;
    queued: Item;
    arrived: Item;
    accepted: Item;
    started: Item;
    completed: Item;
    returned: Item;
    feedback: Item;
  };
  /** Audit entries in the order written, with the pending mark each append also puts. */
  audit: { entry: AuditEntry; mark: Item }[];
  intakeClaim: Item;
  uploadClaims: Item[];
  resultClaim: Item;
  /** The idempotency library's record, in progress and completed (with the response it replays). */
  idempotency: { inProgress: Item; completed: Item };
  /** The Mail table items of one mail: the claim, the finished send, the message and it after its events. */
  mail: { claim: Item; sent: Item; message: Item; messageAfterEvents: Item };
  sequenceCounter: Item;
  officerRecord: Item;
  catalogPointer: Item;
  procedureItem: Item;
  agencyItem: Item;
}

const vn = (local: string) => new Date(`${local}+07:00`);

/** A typical birth registration submitted online on a Tuesday morning and settled within its day. */
export async function buildDossierLife(): Promise<DossierLife> {
  const procedure = seededProcedures.find((p) => p.code === PROCEDURE_CODE);
  const agency = seededAgencies.find((a) => a.code === procedure?.agencyCode);
  if (!procedure || !agency) throw new Error(`The seed data lost ${PROCEDURE_CODE} or its agency`);
  const receivedAt = vn('2026-11-24T09:30:12');
  const uploads = ['Tờ khai đăng ký khai sinh.pdf', 'Giấy chứng sinh.jpg'].map((fileName, index) => ({
    key: attachmentKey(randomUUID(), '2026-11-24', index === 0 ? 'application/pdf' : 'image/jpeg'),
    fileName,
    documentCode: index === 0 ? 'TO_KHAI' : 'GIAY_CHUNG_SINH',
  }));
  const request: SubmitDossierRequest = {
    procedureCode: procedure.code,
    channel: 'online',
    applicant: {
      kind: 'individual',
      fullName: 'Nguyễn Thị Hoa',
      idNumber: '038199004321',
      address: 'Thôn Yên Trạch, xã Quảng Bình, huyện Quảng Xương, tỉnh Thanh Hóa',
      phone: '0912345678',
      email: 'hoa.nguyen@example.vn',
    },
    // The web form sends key and file name; the document code is what an integrating system adds.
    attachments: uploads,
    wantsMail: true,
  };
  const files: CheckedFile[] = uploads.map((upload, index) => ({
    contentType: index === 0 ? 'application/pdf' : 'image/jpeg',
    sha256: createHash('sha256').update(upload.key).digest('hex'),
    sizeBytes: 300 * 1024,
  }));
  const dossierCode = formatDossierCode(agency.code, receivedAt, 37);
  const submitted = prepareDossier({
    request,
    procedure,
    agency,
    dossierCode,
    submittedAt: receivedAt,
    files,
    lookupSecretHash: hashLookupSecret(newLookupSecret()),
  });
  // Intake adds the search attributes (`digestedSearchAttributes`) before storing the dossier.
  const searchable = {
    ...submitted,
    ...(await digestedSearchAttributes(submitted.applicant, localDigests)),
  };
  // Submitted online ("Mới đăng ký"), then received by the desk: form 01 signed and the clock started.
  const reception = receptionOf({
    dossier: submitted,
    procedure,
    agency,
    receivedAt,
    receivedBy: 'tiep-nhan-01',
    calendar: workingCalendar,
  });
  const kms = new LocalSigner();
  const sessionSigner = new SessionSigner(kms, KMS_KEY_ARN, 3600 * 1000);
  const canonical = canonicalJson(reception.receipt);
  const receipt = {
    document: { ...reception.receipt },
    canonical,
    signature: await sessionSigner.sign(canonical),
  };
  const record = {
    ...searchable,
    receivedAt: reception.receivedAt,
    dueAt: reception.dueAt,
    receipt,
    status: 'accepted',
  } satisfies DossierRecord;
  // What intake stores (`DossierStore.create`): the dossier with its search attributes, its queue
  // attributes, its deadline watch and KPI facts (none before reception) and its unrouted shard.
  const created: Item = defined({
    ...searchable,
    ...queueAttributes(searchable),
    ...deadlineWatch(searchable),
    kpiFacts: kpiFactsOf(searchable),
    awaitingRouting: searchable.kpiShard,
  });

  const auditLog = new AuditLog('Audit', 'AuditPending');
  const audit: { entry: AuditEntry; mark: Item }[] = [];
  const append = (fields: AuditFields) => {
    const entry = nextAuditEntry(dossierCode, audit.at(-1)?.entry, fields);
    const [, mark] = auditLog.putItems(entry);
    audit.push({ entry, mark: (mark?.Put.Item ?? {}) as Item });
    return entry;
  };
  append({
    kind: 'submission',
    action: 'submitted',
    actor: request.channel,
    at: reception.receivedAt,
    details: { procedure: procedure.code, receiptSignature: receipt.signature.value },
  });

  const sealedSecret = [
    'sealed.v1',
    // A KMS-encrypted AES-256 data key is 184 bytes; then IV, the 22-character secret, GCM tag.
    ...[184, 12, 22, 16].map((bytes) => randomBytes(bytes).toString('base64url')),
  ].join('.');
  const answer = {
    dossierCode,
    status: record.status,
    syncCode: DOSSIER_STATUSES[record.status].syncCode,
    submittedAt: record.submittedAt,
    receivedAt: record.receivedAt,
    dueAt: record.dueAt,
    lookupSecret: sealedSecret,
    receipt,
  };
  const body = JSON.stringify(request);
  const idempotencyKey = randomUUID();
  const intakeClaim = newIntakeClaim(
    idempotencyKey,
    body,
    dossierCode,
    answer,
    receivedAt,
  ) as unknown as Item;
  const claims = new UploadClaims('Idempotency');
  const uploadClaims = uploads.map(
    (upload) =>
      claims.putItem(newUploadClaim(upload.key, dossierCode, record.receivedAt)).Put.Item as unknown as Item,
  );
  const expiration = Math.floor(receivedAt.getTime() / 1000) + 24 * 3600;
  const idempotencyId = `MotCua-Api-SubmitDossier#${createHash('md5').update(JSON.stringify(idempotencyKey)).digest('hex')}`;
  const validation = createHash('md5').update(JSON.stringify(body)).digest('hex');
  const inProgress = {
    id: idempotencyId,
    expiration,
    status: 'INPROGRESS',
    in_progress_expiration: receivedAt.getTime() + 30_000,
    validation,
  };
  const completed = { ...inProgress, status: 'COMPLETED', data: JSON.stringify(json(201, answer)) };

  const at = (local: string) => toVietnamIso(vn(local));
  const queued: Item = { ...created, routing: { ...record.routing, queuedAt: at('2026-11-24T09:30:12') } };
  delete queued.awaitingRouting;
  const arrivalAt = at('2026-11-24T09:30:13');
  const arrived = {
    ...queued,
    routing: { ...(queued.routing as Item), arrivedAt: arrivalAt, acknowledgedAt: arrivalAt },
    history: [
      ...record.history,
      { status: 'routed', at: arrivalAt, by: 'queue:commune', note: agency.code },
      { status: 'acknowledged', at: arrivalAt, by: agency.code, note: undefined },
    ] satisfies HistoryEntry[],
  };

  const officer: Actor = { id: 'canbo.quangbinh', kind: 'officer' };
  const act = (before: Item, action: LifecycleAction, local: string) => {
    const outcome = applyAction(
      before as unknown as DossierRecord,
      action,
      officer,
      vn(local),
      workingCalendar,
    );
    return { outcome, after: lifecycleWrite(before, outcome) };
  };
  const acceptedAt = at('2026-11-24T10:05:00');
  const accepted = {
    after: withStoreAttributes(arrived, {
      ...arrived,
      status: 'accepted',
      receivedAt: record.receivedAt,
      dueAt: record.dueAt,
      receipt,
      version: Number(created.version) + 1,
      history: [...arrived.history, { status: 'accepted', at: acceptedAt, by: officer.id, note: undefined }],
    }),
  };
  append({
    kind: 'state_change',
    action: 'accept',
    actor: officer.id,
    at: acceptedAt,
    details: { status: 'accepted', agency: agency.code, dueAt: record.dueAt },
  });
  const started = act(accepted.after, { type: 'start_processing' }, '2026-11-24T10:06:00');
  append(auditFieldsOf(started.outcome, 'start_processing', officer.id));
  const resultUpload = attachmentKey(randomUUID(), '2026-11-24', 'application/pdf');
  const completedAction = act(
    started.after,
    { type: 'complete', resultDocumentKey: resultUpload },
    '2026-11-24T15:20:00',
  );
  const resultSha = createHash('sha256').update(resultUpload).digest();
  // What the officer function adds to the result once the file is checked, copied and signed.
  Object.assign(completedAction.outcome.state.result ?? {}, {
    documentKey: dossierFileKey(dossierCode, 'result', `${randomUUID()}.pdf`),
    uploadKey: resultUpload,
    documentSha256: resultSha.toString('hex'),
    documentSizeBytes: 180 * 1024,
    documentSignature: {
      ...(await kms.signDigest(KMS_KEY_ARN, resultSha)),
      sha256: resultSha.toString('hex'),
    },
  });
  const completedItem = lifecycleWrite(started.after, completedAction.outcome);
  append(auditFieldsOf(completedAction.outcome, 'complete', officer.id));
  const returned = act(completedItem, { type: 'return_result' }, '2026-11-25T08:15:00');
  append(auditFieldsOf(returned.outcome, 'return_result', officer.id));
  const feedback: Item = {
    ...returned.after,
    feedback: newFeedback(
      returned.after as unknown as DossierRecord,
      { rating: 5, comment: 'Cán bộ hướng dẫn tận tình, trả kết quả sớm.' },
      vn('2026-11-25T09:00:00'),
    ),
  };
  // Views and downloads append to the same chain (their order only changes sequence numbers).
  append({
    kind: 'download',
    action: 'form_01',
    actor: 'citizen',
    at: at('2026-11-24T09:31:00'),
    details: { key: `forms/${dossierCode}/01-v1-0123456789abcdef.pdf`, sha256: resultSha.toString('hex') },
  });
  append({
    kind: 'personal_data_view',
    action: 'citizen_lookup',
    actor: 'citizen',
    at: at('2026-11-24T16:00:00'),
    details: {},
  });
  append({
    kind: 'personal_data_view',
    action: 'officer_view',
    actor: officer.id,
    at: at('2026-11-24T10:04:00'),
    details: { agency: agency.code },
  });

  const to = request.applicant.email ?? '';
  const key = mailKey(dossierCode, 'receipt', to);
  const messageId = `0100019${randomBytes(10).toString('hex')}-${randomUUID()}-000000`;
  const mail = {
    claim: { pk: `send#${key}`, state: 'sending', claimedAt: new Date().toISOString() },
    sent: { pk: `send#${key}`, state: 'sent', messageId, finishedAt: new Date().toISOString() },
    message: { pk: `message#${messageId}`, key, events: [] },
    messageAfterEvents: {
      pk: `message#${messageId}`,
      key,
      events: [
        { type: 'send', at: new Date().toISOString() },
        { type: 'delivery', at: new Date().toISOString() },
      ],
      lastEvent: 'delivery',
    },
  };
  return {
    procedure,
    agency,
    stages: {
      created,
      queued,
      arrived,
      accepted: accepted.after,
      started: started.after,
      completed: completedItem,
      returned: returned.after,
      feedback,
    },
    audit,
    intakeClaim,
    uploadClaims,
    resultClaim: claims.putItem(newUploadClaim(resultUpload, dossierCode, at('2026-11-24T15:20:00'))).Put
      .Item as unknown as Item,
    idempotency: { inProgress, completed },
    mail,
    sequenceCounter: {
      counterKey: `${agency.code}#2026-11-24`,
      value: 37,
      expiresAt: expiration + 6 * 24 * 3600,
    },
    officerRecord: {
      officerId: randomUUID(),
      username: officer.id,
      agencyCode: agency.code,
      roles: ['tiep_nhan', 'chuyen_vien'],
      active: true,
      validFrom: '2026-01-01T00:00:00+07:00',
      validTo: '2027-01-01T00:00:00+07:00',
      updatedAt: '2026-01-01T00:00:00+07:00',
      updatedBy: 'operator:quantri.thanhhoa',
    },
    catalogPointer: { kind: 'catalog', code: 'active', version: 1 },
    procedureItem: { kind: 'procedure#v1', ...procedure },
    agencyItem: { kind: 'agency', ...agency },
  };
}

/** The item as DynamoDB keeps it: attributes written as undefined are not stored (or are removed). */
function defined(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined));
}

/**
 * What `DossierStore.lifecycleUpdate` writes with every lifecycle change besides the lifecycle fields,
 * computed by the same domain functions: the unit's code, the queue attributes (`queueAttributes`),
 * the deadline watch (`deadlineWatch`) and the KPI facts (`kpiFactsOf`); those that come out
 * undefined are removed from the item.
 */
function withStoreAttributes(before: Item, after: Item): Item {
  const state = after as unknown as DossierRecord;
  return defined({
    ...after,
    currentAgencyCode: state.currentAgency.code,
    ...queueAttributes({
      ...state,
      dossierCode: String(before.dossierCode),
      submittedAt: before.submittedAt as string | undefined,
    }),
    ...deadlineWatch({ ...state, kpiShard: String(before.kpiShard) }),
    kpiFacts: kpiFactsOf({ ...before, ...after }),
  });
}

/** The item after `DossierStore.applyLifecycle`'s update: lifecycle fields, version + 1, history appended. */
function lifecycleWrite(before: Item, outcome: LifecycleOutcome): Item {
  const after: Item = { ...before };
  for (const field of LIFECYCLE_FIELDS) {
    const value = outcome.state[field];
    if (value === undefined) delete after[field];
    else after[field] = structuredClone(value);
  }
  after.version = Number(before.version) + 1;
  after.history = [...(before.history as HistoryEntry[]), outcome.history];
  return withStoreAttributes(before, after);
}

/**
 * The floor's dossier: the receipt kept once (its canonical text and signature; the document is
 * that text parsed), and the KPI facts the recount reads kept as a small map for the indexes.
 */
export function floorDossier(item: Item): Item {
  const { receipt, ...rest } = item as Item & { receipt?: { canonical: string; signature: unknown } };
  const facts = factsOfDossier(item as Partial<DossierRecord>);
  return {
    ...rest,
    ...(receipt ? { receipt: { canonical: receipt.canonical, signature: receipt.signature } } : {}),
    ...(facts
      ? {
          kpiFacts: {
            ...facts,
            receivedAt: undefined,
            dueAt: undefined,
            settledAt: undefined,
          },
        }
      : {}),
  };
}
