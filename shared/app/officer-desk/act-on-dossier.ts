import { randomUUID } from 'node:crypto';
import type { AgencyRecord, Procedure } from '../../contracts/catalog.ts';
import type { OfficerAction } from '../../contracts/lifecycle.ts';
import type { AuditEntry, AuditFields } from '../../domain/audit/audit.ts';
import type { WorkingCalendar } from '../../domain/calendar/calendar.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import { DomainError, dossierNotFound } from '../../domain/common/errors.ts';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  attachmentAlreadyUsed,
  attachmentsRejected,
  dossierFileKey,
  fileChangedMessage,
  newUploadClaim,
  type UploadClaim,
  uploadName,
} from '../../domain/intake/attachment.ts';
import { checkUploadedFile, isCheckedFile } from '../../domain/intake/intake.ts';
import { canonicalJson } from '../../domain/intake/receipt.ts';
import {
  APOLOGY_APPROVER_ROLES,
  apologyApproverMissing,
  apologyLetter,
} from '../../domain/lifecycle/apology.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import {
  type Actor,
  type AgencyRef,
  auditFieldsOf,
  type LifecycleAction,
  type LifecycleOutcome,
  type LifecycleState,
} from '../../domain/lifecycle/lifecycle.ts';
import { type CitizenMailMessage, MAIL_AFTER_ACTION } from '../../domain/mail/citizen-mail.ts';
import { officerDossierView, officerMayHandle, unitCodes } from '../../domain/officers/officer-view.ts';
import {
  authorityOf,
  hasRole,
  OFFICER_ROLE_NAMES,
  type OfficerRecord,
  type OfficerRole,
} from '../../domain/officers/officers.ts';
import type { ProcessActor } from '../../domain/process/engine.ts';
import type { ProcessCatalog } from '../../domain/process/process-definition.ts';
import { applyWithProcess } from '../../domain/process/process-lifecycle.ts';
import { chooseSigningKey } from '../../domain/signing/signing-keys.ts';
import type { DocumentSigner, UploadFiles } from '../file-ports.ts';
import { keyServiceReceiptSigner, signedReception } from '../intake/reception.ts';
import { processContext, startDossierProcess } from '../process/process-context.ts';

/** Structured log lines (Powertools in every deployment): tests and alarms read their messages. */
export interface Log {
  info(message: string, fields: Record<string, unknown>): void;
  warn(message: string, fields: Record<string, unknown>): void;
}

/**
 * Dossiers as a lifecycle change reads and writes them. `Item` is what the store writes in the same
 * transaction as the change (the claim of a result file's upload).
 */
export interface LifecycleDossiers<Item> {
  get(dossierCode: string): Promise<DossierRecord | undefined>;
  /** Writes the outcome and its audit entry if nobody changed the dossier meanwhile; answers it as stored. */
  applyLifecycle(
    dossier: DossierRecord,
    outcome: LifecycleOutcome,
    entry: AuditEntry,
    claim?: { item: Item; refused: DomainError },
  ): Promise<DossierRecord>;
}

/** What every lifecycle change needs, whoever drives it (an officer, an agency's system). */
export interface LifecyclePorts<Item> {
  dossiers: LifecycleDossiers<Item>;
  /** The next entry of a chain, to be written with the change. */
  audit: { next(chain: string, fields: AuditFields): Promise<AuditEntry> };
  mail: { enqueue(message: Omit<CitizenMailMessage, 'type'>): Promise<void> };
  calendar: WorkingCalendar;
  log: Log;
  now(): Date;
}

export interface OfficerActionPorts<Item> extends LifecyclePorts<Item> {
  agency(code: string): Promise<AgencyRecord | undefined>;
  /** The administrator-written records of a unit's officers: whom a step may be assigned to. */
  officersOf(agencyCode: string): Promise<readonly OfficerRecord[]>;
  procedure(code: string): Promise<Procedure | undefined>;
  /** The internal processes: the one a procedure follows now, and the version a dossier is pinned to. */
  processes: ProcessCatalog;
  signer: DocumentSigner;
  /** The agency's ECDSA and RSA signing keys. */
  signingKeys: { ecdsa: string; rsa: string };
  files: UploadFiles;
  claims: {
    existing(uploadKeys: readonly string[]): Promise<UploadClaim[]>;
    /** The write of `claim`, refused in the transaction if the upload is claimed already. */
    putItem(claim: UploadClaim): Item;
  };
}

export interface OfficerActionRequest {
  dossierCode: string;
  action: OfficerAction;
  /** The officer and the roles their administrator-written record grants at their unit. */
  officer: { id: string; username: string; roles: readonly OfficerRole[] };
  /** The unit the officer works for today. */
  unit: AgencyRecord;
}

const noSuchReceiver = () =>
  new DomainError(
    'VALIDATION_FAILED',
    { vi: 'Không có cơ quan nhận với mã này.', en: 'There is no receiving agency with this code.' },
    [{ field: 'toAgencyCode', message: { vi: 'Mã cơ quan không tồn tại.', en: 'Unknown agency code.' } }],
  );

/** Writes an outcome already decided, with its audit entry (and the claim that goes with it). */
export async function recordOutcome<Item>(
  ports: LifecyclePorts<Item>,
  dossier: DossierRecord,
  outcome: LifecycleOutcome,
  change: { type: LifecycleAction['type']; actor: string; claim?: { item: Item; refused: DomainError } },
): Promise<DossierRecord> {
  const entry = await ports.audit.next(
    dossier.dossierCode,
    auditFieldsOf(outcome, change.type, change.actor),
  );
  return ports.dossiers.applyLifecycle(dossier, outcome, entry, change.claim);
}

/** Queues the mail an action sends the citizen, if it sends one. */
export async function mailAfter<Item>(
  ports: LifecyclePorts<Item>,
  type: LifecycleAction['type'],
  dossier: DossierRecord,
): Promise<void> {
  const template = MAIL_AFTER_ACTION[type];
  if (template) await ports.mail.enqueue({ template, dossierCode: dossier.dossierCode });
}

/** What deciding an officer's action reads; deciding writes and signs nothing. */
export interface ActionDecisionPorts {
  dossiers: { get(dossierCode: string): Promise<DossierRecord | undefined> };
  agency(code: string): Promise<AgencyRecord | undefined>;
  processes: ProcessCatalog;
  calendar: WorkingCalendar;
  now(): Date;
}

/** An action found allowed: the dossier as read, the outcome to write, and when and by whom. */
export interface ActionDecision {
  dossier: DossierRecord;
  outcome: LifecycleOutcome;
  now: Date;
  processActor: ProcessActor;
}

/**
 * Every check an officer's action passes before anything is signed or written, and its outcome.
 * The action and the preview of the form it issues both decide here, so both refuse alike.
 */
export async function decideAction(
  ports: ActionDecisionPorts,
  request: OfficerActionRequest,
): Promise<ActionDecision> {
  const { action, officer, unit } = request;
  const dossier = await ports.dossiers.get(request.dossierCode);
  if (!dossier || !officerMayHandle(unit, dossier)) throw dossierNotFound();
  // Form 04 is approved by a leader of the unit holding the dossier (officerMayHandle: their own unit).
  if (action.type === 'approve_apology' && !APOLOGY_APPROVER_ROLES.some((role) => hasRole(officer, role))) {
    throw apologyApproverMissing();
  }
  const target: AgencyRef | undefined =
    action.type === 'transfer' ? await ports.agency(action.toAgencyCode) : undefined;
  if (action.type === 'transfer' && !target) throw noSuchReceiver();
  if (dossier.status === 'submitted') mayReceive(request, dossier);
  const now = ports.now();
  const actor: Actor = { id: officer.username, kind: 'officer' };
  const processActor: ProcessActor = {
    kind: 'officer',
    username: officer.username,
    roles: officer.roles,
    unitCodes: unitCodes(unit),
  };
  const process = await processContext(ports, dossier, processActor);
  const outcome = applyWithProcess(dossier, action, actor, now, ports.calendar, target, process);
  return { dossier, outcome, now, processActor };
}

/**
 * An officer moves a dossier their unit holds through its lifecycle; answers the dossier as the
 * officer sees it afterwards.
 */
export async function actOnDossier<Item>(ports: OfficerActionPorts<Item>, request: OfficerActionRequest) {
  const { action, officer, unit } = request;
  const { dossier, outcome, now, processActor } = await decideAction(ports, request);
  if (action.type === 'accept') await receive(ports, dossier, outcome.state, officer.username, now);
  if (action.type === 'assign') await assigneeMayTakeStep(ports, outcome.state, action.assignee, now);
  const claim = await attachEvidence(ports, dossier, action, outcome.state, unit, now);
  const updated = await recordOutcome(ports, dossier, outcome, {
    type: action.type,
    actor: officer.username,
    ...(claim ? { claim } : {}),
  });
  ports.log.info('dossier action', {
    dossierCode: dossier.dossierCode,
    action: action.type,
    officer: officer.id,
    status: updated.status,
  });
  await mailAfter(ports, action.type, updated);
  const viewer = await processContext(ports, updated, processActor);
  return officerDossierView(updated, now, ports.calendar, viewer);
}

/**
 * A step is assigned only to an officer the administrator registered at the unit holding it, active
 * now and holding the step's role: a name typed wrong would leave the step with nobody able to act.
 */
async function assigneeMayTakeStep<Item>(
  ports: OfficerActionPorts<Item>,
  state: LifecycleState,
  assignee: string,
  now: Date,
): Promise<void> {
  const step = state.process?.active.find((candidate) => candidate.assignee === assignee);
  if (!step) return;
  const officers = await ports.officersOf(step.unit.code);
  const suitable = officers.some(
    (record) =>
      record.username === assignee && authorityOf(record, now).granted && record.roles.includes(step.role),
  );
  if (suitable) return;
  const role = OFFICER_ROLE_NAMES[step.role];
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      vi: `Không thể phân công cho «${assignee}»: không phải cán bộ đang hoạt động của ${step.unit.name} có vai trò «${role.vi}» (${step.role}).`,
      en: `Cannot assign to "${assignee}": not an active officer of ${step.unit.name} with the role "${role.en}" (${step.role}).`,
    },
    [
      {
        field: 'assignee',
        message: {
          vi: 'Không phải cán bộ phù hợp của đơn vị đang giữ bước.',
          en: 'Not a suitable officer of the unit holding the step.',
        },
      },
    ],
  );
}

const RECEPTION_ROLE: OfficerRole = 'tiep_nhan';

/**
 * Checking a dossier not received yet (receive it, ask for a supplement at reception, refuse it) is
 * the one-stop desk's work at the receiving unit (Decree 61/2018 Art. 15–16; Circular 01/2018).
 */
function mayReceive(request: OfficerActionRequest, dossier: DossierRecord): void {
  if (!unitCodes(request.unit).includes(dossier.agency.code)) throw dossierNotFound();
  if (!hasRole(request.officer, RECEPTION_ROLE)) {
    const role = OFFICER_ROLE_NAMES[RECEPTION_ROLE];
    throw new DomainError('FORBIDDEN', {
      vi: `Tiếp nhận hồ sơ cần vai trò «${role.vi}» (${RECEPTION_ROLE}) tại đơn vị tiếp nhận.`,
      en: `Receiving a dossier needs the role "${role.en}" (${RECEPTION_ROLE}) at the receiving unit.`,
    });
  }
}

/** What reception reads from the registry: the dossier's procedure and receiving agency. */
export async function receptionInput(
  ports: Pick<OfficerActionPorts<unknown>, 'procedure' | 'agency' | 'calendar'>,
  dossier: DossierRecord,
  receivedBy: string,
  now: Date,
) {
  const [procedure, agency] = await Promise.all([
    ports.procedure(dossier.procedure.code),
    ports.agency(dossier.agency.code),
  ]);
  if (!procedure || !agency) {
    throw new Error(`Dossier ${dossier.dossierCode} names a procedure or agency not in the registry`);
  }
  return { dossier, procedure, agency, receivedAt: now, receivedBy, calendar: ports.calendar };
}

/** Reception: the clock starts now, with the appointment and the receipt (form 01) signed. */
async function receive<Item>(
  ports: OfficerActionPorts<Item>,
  dossier: DossierRecord,
  state: LifecycleState,
  receivedBy: string,
  now: Date,
): Promise<void> {
  const input = await receptionInput(ports, dossier, receivedBy, now);
  const reception = await signedReception(input, keyServiceReceiptSigner(ports.signer, ports.signingKeys));
  Object.assign(state, reception);
  state.process = await startDossierProcess(ports, {
    procedure: input.procedure,
    agency: input.agency,
    currentAgency: state.currentAgency,
    receivedAt: reception.receivedAt,
    dueAt: reception.dueAt,
    by: receivedBy,
    calendar: ports.calendar,
  });
}

const RESULT_FIELD = 'resultDocumentKey';

/**
 * What an action must carry before it is written: the signed form 04 letter on approval, and on
 * completion the result file, checked by its structure, copied to the dossier's own key (as read:
 * a form re-posted since makes the copy fail) and signed when the procedure requires it. Answers
 * the claim binding the result's upload to the dossier, to be written with the change.
 */
async function attachEvidence<Item>(
  ports: OfficerActionPorts<Item>,
  dossier: DossierRecord,
  action: OfficerAction,
  state: LifecycleState,
  unit: AgencyRecord,
  now: Date,
): Promise<{ item: Item; refused: DomainError } | undefined> {
  const choice = chooseSigningKey(unit, ports.signingKeys);
  if (action.type === 'approve_apology' && state.apology) {
    const document = apologyLetter({ ...dossier, ...state }, state.apology);
    const canonical = canonicalJson(document);
    state.apology.letter = {
      document,
      canonical,
      signature: await ports.signer.sign(choice.keyId, canonical, choice.algorithm),
    };
  }
  if (action.type !== 'complete' || !state.result) return undefined;
  const procedure = await ports.procedure(dossier.procedure.code);
  const key = action.resultDocumentKey;
  if (!key) {
    if (procedure?.resultSigned) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          vi: 'Thủ tục này trả kết quả có ký số: cần tệp kết quả.',
          en: 'This procedure returns a signed result: a result file is required.',
        },
        [{ field: RESULT_FIELD, message: { vi: 'Thiếu tệp kết quả.', en: 'Missing result file.' } }],
      );
    }
    return undefined;
  }
  const fileName = uploadName(key);
  const refused = attachmentAlreadyUsed([{ field: RESULT_FIELD, fileName }]);
  if ((await ports.claims.existing([key])).length > 0) throw refused;
  const upload = await ports.files.readUpload(key, ATTACHMENT_MAX_BYTES);
  const checked = await checkUploadedFile(fileName, upload);
  if (!isCheckedFile(checked)) throw attachmentsRejected([{ field: RESULT_FIELD, message: checked }]);
  if (!upload) throw new Error(`${key} passed its check without being read`);
  const extension = ATTACHMENT_TYPES[checked.contentType].extensions[0];
  const target = dossierFileKey(dossier.dossierCode, 'result', `${randomUUID()}.${extension}`);
  if (!(await ports.files.bindUpload(key, upload.etag, target, checked))) {
    throw attachmentsRejected([{ field: RESULT_FIELD, message: fileChangedMessage(fileName) }]);
  }
  Object.assign(state.result, {
    documentKey: target,
    uploadKey: key,
    documentSha256: checked.sha256,
    documentSizeBytes: checked.sizeBytes,
  });
  if (procedure?.resultSigned) {
    if (!upload.bytes) throw new Error(`${key} passed its check without its bytes`);
    state.result.documentSignature = {
      ...(await ports.signer.signFile(choice.keyId, upload.bytes, choice.algorithm)),
      sha256: checked.sha256,
    };
  }
  return {
    item: ports.claims.putItem(newUploadClaim(key, dossier.dossierCode, toVietnamIso(now))),
    refused,
  };
}
