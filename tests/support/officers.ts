import { randomUUID } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { output } from '../../scripts/lib/outputs.ts';
import { api, outputs, postJson, uploadAttachment } from './deployment.ts';
import { samplePdf } from './sample-files.ts';

const cognito = new CognitoIdentityProviderClient({});
const userPoolId = () => output(outputs, 'Api', 'OfficerUserPoolId');
const clientId = () => output(outputs, 'Api', 'OfficerUserPoolClientId');

/** Creates an officer of `agencyCode` in the deployed user pool and signs in: returns the ID token. */
export function signInOfficer(agencyCode: string): Promise<string> {
  return signIn(userPoolId(), clientId(), agencyCode);
}

async function signIn(poolId: string, appClientId: string, agencyCode: string): Promise<string> {
  const username = `can-bo-${randomUUID().slice(0, 8)}`;
  const password = `Mk-${randomUUID()}-A1!`;
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'custom:agency_code', Value: agencyCode }],
    }),
  );
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: username,
      Password: password,
      Permanent: true,
    }),
  );
  const auth = await cognito.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: appClientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  const token = auth.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`no ID token for ${username}: ${JSON.stringify(auth)}`);
  return token;
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
  return signIn(poolId, client.UserPoolClient?.ClientId ?? '', agencyCode);
}

export function officerGet<T = Record<string, unknown>>(token: string, path: string) {
  return api<T>(path, { headers: { authorization: `Bearer ${token}` } });
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

/**
 * Settles a dossier of `agencyCode` the way its officers would: accept, process, and complete with a
 * signed result file (the sample procedures return one). Answers the officer's view after completion.
 */
export async function settleDossier(token: string, dossierCode: string) {
  for (const type of ['accept', 'start_processing']) {
    const step = await officerAct(token, dossierCode, { type });
    if (step.status !== 200) throw new Error(`${type} failed: ${JSON.stringify(step.body)}`);
  }
  const result = await samplePdf('Ket qua giai quyet');
  const upload = await uploadAttachment('ket-qua.pdf', 'application/pdf', result);
  const done = await officerAct<{ status: string }>(token, dossierCode, {
    type: 'complete',
    resultDocumentKey: upload.key,
  });
  if (done.status !== 200) throw new Error(`complete failed: ${JSON.stringify(done.body)}`);
  return done.body;
}
