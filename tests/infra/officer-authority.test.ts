import { describe, expect, it } from 'vitest';
import { API_FUNCTIONS } from '../../functions/api.ts';
import { TEMPORARY_PASSWORD_DAYS } from '../../shared/domain/officers/account-mail.ts';
import { functionPolicyStatements, type Statement, synth } from './templates.ts';

const template = synth();
const api = template('Api');

const actionsOf = (statement: { Action: string | string[] }) =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];
const mentions = (resource: unknown, logicalIdPrefix: string) =>
  JSON.stringify(resource).includes(logicalIdPrefix);
/** The API functions whose spec asks to list a unit's officers (and does not administer them). */
const listingUnits = API_FUNCTIONS.filter(
  ({ permissions }) =>
    permissions.includes('officers:ofUnit') && !permissions.includes('officers:administer'),
).map(({ id }) => id);

describe('officer authority', () => {
  it('lets officers write only their name and phone, with no hosted OAuth flows or placeholder callbacks', () => {
    const clients = Object.values(api.findResources('AWS::Cognito::UserPoolClient')) as {
      Properties: Record<string, unknown>;
    }[];
    expect(clients).toHaveLength(1);
    const client = clients[0]?.Properties ?? {};
    expect([...(client.WriteAttributes as string[])].sort()).toEqual(['name', 'phone_number']);
    expect(client.ReadAttributes).toBeDefined();
    expect(client.ReadAttributes as string[]).not.toContain('custom:agency_code');
    expect(client.AllowedOAuthFlowsUserPoolClient).not.toBe(true);
    expect(client.AllowedOAuthFlows ?? []).not.toContain('implicit');
    expect(JSON.stringify(client)).not.toContain('example.com');
  });

  it('requires TOTP for every officer and never lets officers sign themselves up', () => {
    api.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
  });

  it('gives functions nothing on the Officers table but reading one record, except those named below', () => {
    // Judged policy by policy: a statement another function also holds is not excused by it.
    const excepted = ['ManageOfficers', 'ApologySweep', ...listingUnits];
    const policies = [api, ...['Webhooks', 'Kpi', 'Routing', 'Lifecycle', 'Mail'].map(template)].flatMap(
      (t) =>
        Object.entries(t.findResources('AWS::IAM::Policy')).filter(
          ([id]) => !excepted.some((prefix) => id.startsWith(prefix)),
        ),
    );
    const statements = policies
      .flatMap(
        ([, policy]) =>
          (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
            .Statement,
      )
      .filter(
        (statement) =>
          actionsOf(statement).some((action) => action.startsWith('dynamodb:')) &&
          mentions(statement.Resource, 'Officers'),
      );
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) expect(actionsOf(statement)).toEqual(['dynamodb:GetItem']);
  });

  it('lets a function whose spec lists a unit’s officers read one officer and query the unit index, nothing else', () => {
    // The officer action (to assign a step) is one of them.
    expect(listingUnits).toContain('OfficerAction');
    for (const id of listingUnits) {
      const onOfficers = functionPolicyStatements(api, id).filter(
        (statement) =>
          actionsOf(statement).some((action) => action.startsWith('dynamodb:')) &&
          mentions(statement.Resource, 'Officers'),
      );
      const byAction = Object.fromEntries(
        onOfficers.map((statement) => [actionsOf(statement).join(','), JSON.stringify(statement.Resource)]),
      );
      expect(Object.keys(byAction).sort(), id).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
      expect(byAction['dynamodb:Query'], id).toContain('/index/byAgency');
      expect(byAction['dynamodb:GetItem'], id).not.toContain('/index/');
    }
  });

  it('lets the deadline sweep only query the Officers table’s by-unit index, to find whom to alert', () => {
    const onOfficers = functionPolicyStatements(template('Lifecycle'), 'ApologySweep').filter(
      (statement) =>
        actionsOf(statement).some((action) => action.startsWith('dynamodb:')) &&
        mentions(statement.Resource, 'Officers'),
    );
    expect(onOfficers.map((statement) => actionsOf(statement))).toEqual([['dynamodb:Query']]);
    expect(JSON.stringify(onOfficers[0]?.Resource)).toContain('/index/byAgency');
  });

  it('lets officer administration create, read, disable, enable and sign out accounts, never set passwords or attributes', () => {
    const statements = functionPolicyStatements(api, 'ManageOfficers');
    const cognito = statements.flatMap(actionsOf).filter((action) => action.startsWith('cognito-idp:'));
    expect(cognito.sort()).toEqual([
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminEnableUser',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminUserGlobalSignOut',
    ]);
    const officerTable = statements.filter(
      (statement) =>
        mentions(statement.Resource, 'Officers') &&
        actionsOf(statement).some((a) => a.startsWith('dynamodb:')),
    );
    expect(officerTable.flatMap(actionsOf).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
  });

  it('writes the officers’ mails in a custom message trigger that may only read where the API is', () => {
    const pools = Object.values(api.findResources('AWS::Cognito::UserPool')) as {
      Properties: {
        LambdaConfig?: Record<string, unknown>;
        AdminCreateUserConfig: { InviteMessageTemplate: { EmailMessage: string } };
        Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: number } };
      };
    }[];
    expect(pools).toHaveLength(1);
    const pool = pools[0]?.Properties;
    const trigger = Object.keys(api.findResources('AWS::Lambda::Function')).find((id) =>
      id.startsWith('AccountMail'),
    );
    expect(pool?.LambdaConfig).toEqual({ CustomMessage: { 'Fn::GetAtt': [trigger, 'Arn'] } });
    // The pool's own invitation stays as the fallback, with the placeholders Cognito requires.
    expect(pool?.AdminCreateUserConfig.InviteMessageTemplate.EmailMessage).toMatch(/\{username\}.*\{####\}/s);
    // The mail states how long the temporary password works: what the pool is configured with.
    expect(pool?.Policies.PasswordPolicy.TemporaryPasswordValidityDays).toBe(TEMPORARY_PASSWORD_DAYS);
    api.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'cognito-idp.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [trigger, 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [Object.keys(api.findResources('AWS::Cognito::UserPool'))[0], 'Arn'] },
    });

    const statements = functionPolicyStatements(api, 'AccountMail');
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Effect: 'Allow', Action: 'ssm:GetParameter' });
    const resource = JSON.stringify(statements[0]?.Resource);
    expect(resource).toContain(':parameter/motcua/public-api"');
    expect(resource).not.toContain('*');
    const roles = Object.entries(api.findResources('AWS::IAM::Role'))
      .filter(([id]) => id.startsWith('AccountMail'))
      .map(([, role]) => role as { Properties: { ManagedPolicyArns: unknown } });
    expect(roles).toHaveLength(1);
    const managed = JSON.stringify(roles.map((role) => role.Properties.ManagedPolicyArns));
    expect(managed.match(/:iam::aws:policy\/[\w/-]+/g)?.sort()).toEqual([
      ':iam::aws:policy/AWSXRayDaemonWriteAccess',
      ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ]);
  });

  it('gives every function that verifies officers the Officers table', () => {
    const functions = Object.values(api.findResources('AWS::Lambda::Function')) as {
      Properties: { Environment?: { Variables?: Record<string, unknown> } };
    }[];
    const officerFunctions = functions.filter((fn) => fn.Properties.Environment?.Variables?.USER_POOL_ID);
    expect(officerFunctions.length).toBeGreaterThanOrEqual(9);
    for (const fn of officerFunctions)
      expect(fn.Properties.Environment?.Variables?.OFFICERS_TABLE).toBeDefined();
  });
});
