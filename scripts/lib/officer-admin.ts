import { randomUUID } from 'node:crypto';
import {
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { CognitoOfficerAccounts } from '../../shared/adapters/cognito-officer-accounts.ts';
import { OfficerDirectory } from '../../shared/adapters/officer-directory.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { type AdministrationPorts, inviteOfficer } from '../../shared/app/officers/administer-officers.ts';
import { OFFICER_ROLES, type OfficerRole } from '../../shared/domain/officers/officers.ts';
import { output, type StackOutputs } from './outputs.ts';

/** The officer administration use cases wired to a deployment (operator credentials). */
export function deployedOfficerAdministration(outputs: StackOutputs): AdministrationPorts & {
  directory: OfficerDirectory;
} {
  const reference = new ReferenceStore(output(outputs, 'Data', 'ReferenceTableName'));
  const audit = new AuditLog(
    output(outputs, 'Data', 'AuditTableName'),
    output(outputs, 'Data', 'AuditPendingTableName'),
  );
  // No cache: an operator reads what is stored now.
  const directory = new OfficerDirectory(output(outputs, 'Data', 'OfficersTableName'), 0);
  return {
    directory,
    accounts: new CognitoOfficerAccounts(output(outputs, 'Api', 'OfficerUserPoolId')),
    records: directory,
    agency: (code) => reference.getAgency(code),
    audit: (chain, fields) => audit.append(chain, fields),
    now: () => new Date(),
  };
}

export interface SignedInOfficer {
  username: string;
  password: string;
  idToken: string;
  accessToken: string;
}

const cognito = new CognitoIdentityProviderClient({});

/** Signs in with a password through the administrator flow (tests, benchmarks and operators' checks). */
export async function passwordSignIn(
  poolId: string,
  clientId: string,
  username: string,
  password: string,
): Promise<SignedInOfficer> {
  const auth = await cognito.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  const idToken = auth.AuthenticationResult?.IdToken;
  const accessToken = auth.AuthenticationResult?.AccessToken;
  if (!idToken || !accessToken) throw new Error(`no tokens for ${username}: ${JSON.stringify(auth)}`);
  return { username, password, idToken, accessToken };
}

/** Gives an existing account a permanent password and signs in with it. */
export async function setPasswordAndSignIn(
  poolId: string,
  clientId: string,
  username: string,
): Promise<SignedInOfficer> {
  const password = `Mk-${randomUUID()}-A1!`;
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: username,
      Password: password,
      Permanent: true,
    }),
  );
  return passwordSignIn(poolId, clientId, username, password);
}

/**
 * Registers an officer of `agencyCode` the way an operator does (account and Officers record), with
 * no invitation sent; answers the generated username.
 */
export async function registerOfficer(
  outputs: StackOutputs,
  agencyCode: string,
  roles: readonly OfficerRole[],
  usernamePrefix: string,
): Promise<string> {
  const username = `${usernamePrefix}-${randomUUID().slice(0, 8)}`;
  await inviteOfficer(deployedOfficerAdministration(outputs), {
    username,
    email: `${username}@thanhhoa.gov.vn`,
    agencyCode,
    roles,
    sendInvitation: false,
    by: 'operator:tests',
  });
  return username;
}

/**
 * Registers an officer of `agencyCode` the way an operator does (account and Officers record, with
 * every role unless told otherwise) and signs in.
 */
export async function registerAndSignIn(
  outputs: StackOutputs,
  agencyCode: string,
  roles: readonly OfficerRole[] = OFFICER_ROLES,
  usernamePrefix = 'can-bo',
): Promise<SignedInOfficer> {
  const username = await registerOfficer(outputs, agencyCode, roles, usernamePrefix);
  return setPasswordAndSignIn(
    output(outputs, 'Api', 'OfficerUserPoolId'),
    output(outputs, 'Api', 'OfficerUserPoolClientId'),
    username,
  );
}
