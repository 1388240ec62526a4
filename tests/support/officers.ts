import { randomUUID } from 'node:crypto';
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  deployedOfficerAdministration,
  passwordSignIn,
  registerAndSignIn,
  type SignedInOfficer,
  setPasswordAndSignIn,
} from '../../scripts/lib/officer-admin.ts';
import { output } from '../../scripts/lib/outputs.ts';
import { OFFICER_ROLES, type OfficerRole } from '../../shared/domain/officers/officers.ts';
import { api, outputs, postJson, uploadAttachment } from './deployment.ts';
import { samplePdf } from './sample-files.ts';

const cognito = new CognitoIdentityProviderClient({});
export const officerAdministration = () => deployedOfficerAdministration(outputs);

/** Registers an officer of `agencyCode` (every role unless told otherwise) and signs in: the ID token. */
export async function signInOfficer(
  agencyCode: string,
  roles: readonly OfficerRole[] = OFFICER_ROLES,
): Promise<string> {
  return (await registerAndSignIn(outputs, agencyCode, roles)).idToken;
}

export function registerOfficer(
  agencyCode: string,
  roles: readonly OfficerRole[] = OFFICER_ROLES,
): Promise<SignedInOfficer> {
  return registerAndSignIn(outputs, agencyCode, roles);
}

/** Signs in again with the password an officer was given (new tokens, as after a fresh login). */
export function signInAgain(officer: Pick<SignedInOfficer, 'username' | 'password'>) {
  return passwordSignIn(
    output(outputs, 'Api', 'OfficerUserPoolId'),
    output(outputs, 'Api', 'OfficerUserPoolClientId'),
    officer.username,
    officer.password,
  );
}

/**
 * An account of the platform's own pool that no administrator registered as an officer, carrying
 * the agency attribute it might have written itself.
 */
export async function signInUnregisteredAccount(agencyCode: string): Promise<string> {
  return createAccountAndSignIn(
    output(outputs, 'Api', 'OfficerUserPoolId'),
    output(outputs, 'Api', 'OfficerUserPoolClientId'),
    agencyCode,
  );
}

/** An officer of a user pool this platform does not trust, as another system's account would be. */
export async function signInForeignOfficer(agencyCode: string): Promise<string> {
  const pool = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: `foreign-${randomUUID().slice(0, 8)}`,
      Schema: [{ Name: 'agency_code', AttributeDataType: 'String', Mutable: true }],
    }),
  );
  const poolId = pool.UserPool?.Id ?? '';
  const client = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'foreign',
      ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  return createAccountAndSignIn(poolId, client.UserPoolClient?.ClientId ?? '', agencyCode);
}

async function createAccountAndSignIn(poolId: string, clientId: string, agencyCode: string) {
  const username = `tai-khoan-${randomUUID().slice(0, 8)}`;
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'custom:agency_code', Value: agencyCode }],
    }),
  );
  return (await setPasswordAndSignIn(poolId, clientId, username)).idToken;
}

export function officerGet<T = Record<string, unknown>>(token: string, path: string) {
  return api<T>(path, { headers: { authorization: `Bearer ${token}` } });
}

/** A page of the unit's work queue as `GET /officer/dossiers` answers it. */
export interface QueuePage<Line> {
  agencyCode: string;
  tab: string;
  counts: Record<'all' | 'reception' | 'soon' | 'late' | 'mine', number>;
  dossiers: Line[];
  nextCursor?: string;
}

/**
 * Every line of the unit's queue under `query` (e.g. `status=submitted`), page after page: the queue
 * of a shared deployment holds more than one page, so a test looking for its dossier reads them all.
 */
export async function wholeQueue<Line = { dossierCode: string }>(token: string, query = '') {
  const lines: Line[] = [];
  let first: QueuePage<Line> | undefined;
  let cursor: string | undefined;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', '200');
    if (cursor) params.set('cursor', cursor);
    const page = await officerGet<QueuePage<Line>>(token, `/officer/dossiers?${params}`);
    if (page.status !== 200) throw new Error(`queue page: ${page.status} ${JSON.stringify(page.body)}`);
    first ??= page.body;
    lines.push(...page.body.dossiers);
    cursor = page.body.nextCursor;
  } while (cursor);
  return { ...(first as QueuePage<Line>), dossiers: lines };
}

export function officerAct<T = Record<string, unknown>>(
  token: string,
  dossierCode: string,
  action: Record<string, unknown>,
) {
  return postJson<T>(`/officer/dossiers/${encodeURIComponent(dossierCode)}/actions`, action, {
    authorization: `Bearer ${token}`,
  });
}

/** What the step helpers read of an officer's view of a dossier. */
interface StepView {
  status: string;
  process?: { active: { step: string; unit: { code: string } }[] };
  stepActions?: { action: string; step: string }[];
}

const dossierPath = (dossierCode: string) => `/officer/dossiers/${encodeURIComponent(dossierCode)}`;

async function actOrThrow<T = StepView>(token: string, dossierCode: string, action: Record<string, unknown>) {
  const answer = await officerAct<T>(token, dossierCode, action);
  if (answer.status !== 200) throw new Error(`${action.type} failed: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** The desk hands a received dossier on to the specialist: processing starts (status 4). */
export function startProcessing<T = StepView>(token: string, dossierCode: string) {
  return actOrThrow<T>(token, dossierCode, { type: 'forward' });
}

/**
 * Hands the dossier on, as `token` (an officer holding the roles of the steps), until a step offers
 * `action` or no step can be handed on; answers the officer's view there.
 */
export async function forwardUntil(token: string, dossierCode: string, action: string) {
  for (let hops = 0; hops < 10; hops += 1) {
    const view = await officerGet<StepView>(token, dossierPath(dossierCode));
    const offered = view.body.stepActions?.map((entry) => entry.action) ?? [];
    if (offered.includes(action) || !offered.includes('forward')) return view.body;
    await actOrThrow(token, dossierCode, { type: 'forward' });
  }
  throw new Error(`${dossierCode}: no step offers ${action}`);
}

/** A signing leader of `agencyCode`, registered once per unit: never the officer who drafted. */
const signers = new Map<string, Promise<string>>();
export function signingLeader(agencyCode: string): Promise<string> {
  const known = signers.get(agencyCode) ?? signInOfficer(agencyCode, ['lanh_dao']);
  signers.set(agencyCode, known);
  return known;
}

/**
 * Drives a dossier in processing to the signing step (as `token`, who drafts) and has a leader of the
 * unit holding that step sign it with `body` (the result file, a note).
 */
export async function completeDossier<T = StepView>(
  token: string,
  dossierCode: string,
  body: Record<string, unknown> = {},
) {
  const atSigning = await forwardUntil(token, dossierCode, 'complete');
  const unit = atSigning.process?.active[0]?.unit.code;
  if (!unit) throw new Error(`${dossierCode} has no open step to sign at`);
  return officerAct<T>(await signingLeader(unit), dossierCode, { type: 'complete', ...body });
}

/** After signing, the clerk's step (if any) hands on and the desk returns the result. */
export async function returnResult<T = StepView>(token: string, dossierCode: string) {
  await forwardUntil(token, dossierCode, 'return_result');
  return officerAct<T>(token, dossierCode, { type: 'return_result' });
}

/**
 * Settles a dossier the way its officers would: the desk receives it and hands it on, `token` (an
 * officer of every role) drafts and reviews, a leader of the unit signs with a result file (the
 * sample procedures return one). Answers the officer's view after completion.
 */
export async function settleDossier(token: string, dossierCode: string) {
  await actOrThrow(token, dossierCode, { type: 'accept' });
  await startProcessing(token, dossierCode);
  const result = await samplePdf('Ket qua giai quyet');
  const upload = await uploadAttachment('ket-qua.pdf', 'application/pdf', result);
  const done = await completeDossier<{ status: string }>(token, dossierCode, {
    resultDocumentKey: upload.key,
  });
  if (done.status !== 200) throw new Error(`complete failed: ${JSON.stringify(done.body)}`);
  return done.body;
}

/** The one-stop desk receives a dossier submitted online: its receipt is signed and the clock starts. */
export async function receiveDossier<T = Record<string, unknown>>(token: string, dossierCode: string) {
  const received = await officerAct<T>(token, dossierCode, { type: 'accept' });
  if (received.status !== 200) throw new Error(`accept failed: ${JSON.stringify(received.body)}`);
  return received.body;
}

/**
 * A dossier handed in at the counter of `agencyCode` (the procedure's unit), recorded by a one-stop
 * officer: received at once, so the answer carries the signed receipt and the appointment.
 */
export async function recordAtCounter<T = Record<string, unknown>>(
  agencyCode: string,
  request: Record<string, unknown>,
) {
  const token = await signInOfficer(agencyCode, ['tiep_nhan']);
  const channel = request.channel === 'postal' ? 'postal' : 'counter';
  return postJson<T>('/officer/dossiers', { ...request, channel }, { authorization: `Bearer ${token}` });
}
