import { randomInt } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { INVITATION_AGENCY_NAME } from '../app/officers/account-messages.ts';
import type { OfficerAccounts } from '../app/officers/administer-officers.ts';
import { temporaryPassword } from '../domain/officers/account-mail.ts';

const subOf = (attributes: { Name?: string | undefined; Value?: string | undefined }[] | undefined) =>
  attributes?.find((attribute) => attribute.Name === 'sub')?.Value;

/** Officer accounts in the Cognito user pool, managed with the administrator APIs only. */
export class CognitoOfficerAccounts implements OfficerAccounts {
  constructor(
    private readonly userPoolId: string,
    private readonly client = new CognitoIdentityProviderClient({}),
  ) {}

  async create(account: {
    username: string;
    email: string;
    fullName?: string | undefined;
    sendInvitation: boolean;
    agencyName?: string | undefined;
  }) {
    const created = await this.client.send(
      new AdminCreateUserCommand({
        UserPoolId: this.userPoolId,
        Username: account.username,
        ...(account.sendInvitation
          ? { DesiredDeliveryMediums: ['EMAIL'], TemporaryPassword: temporaryPassword((n) => randomInt(n)) }
          : { MessageAction: 'SUPPRESS' }),
        // Read by the pool's custom message trigger, which names the unit in the invitation.
        ...(account.sendInvitation && account.agencyName
          ? { ClientMetadata: { [INVITATION_AGENCY_NAME]: account.agencyName } }
          : {}),
        UserAttributes: [
          { Name: 'email', Value: account.email },
          { Name: 'email_verified', Value: 'true' },
          ...(account.fullName ? [{ Name: 'name', Value: account.fullName }] : []),
        ],
      }),
    );
    const officerId = subOf(created.User?.Attributes) ?? (await this.idOf(account.username));
    if (!officerId) throw new Error(`Cognito answered no sub for ${account.username}`);
    return { officerId };
  }

  async idOf(username: string) {
    try {
      const user = await this.client.send(
        new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username }),
      );
      return subOf(user.UserAttributes);
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    }
  }

  async disable(username: string) {
    await this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: username }));
  }

  async enable(username: string) {
    await this.client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: username }));
  }

  async signOutEverywhere(username: string) {
    await this.client.send(
      new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: username }),
    );
  }
}
