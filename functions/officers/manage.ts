import type { APIGatewayProxyEvent } from 'aws-lambda';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { CognitoOfficerAccounts } from '../../shared/adapters/cognito-officer-accounts.ts';
import { OfficerDirectory } from '../../shared/adapters/officer-directory.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import {
  type AdministrationPorts,
  deactivateOfficer,
  inviteOfficer,
  reactivateOfficer,
  requireOfficerOfUnit,
  setOfficerRoles,
} from '../../shared/app/officers/administer-officers.ts';
import { loadEnv } from '../../shared/config/env.ts';
import {
  OfficerAdministrationActionSchema,
  OfficerInvitationSchema,
} from '../../shared/contracts/officers.ts';
import type { OfficerRecord } from '../../shared/domain/officers.ts';
import { httpEndpoint, parseJsonBody, pathParameter } from '../../shared/http/endpoint.ts';
import { officerRoleOf } from '../../shared/http/endpoint-spec.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { manageOfficersSpec } from './manage.spec.ts';

const env = loadEnv(manageOfficersSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const directory = new OfficerDirectory(env.OFFICERS_TABLE, 0);
const ports: AdministrationPorts = {
  accounts: new CognitoOfficerAccounts(env.USER_POOL_ID),
  records: directory,
  agency: (code) => reference.getAgency(code),
  audit: (chain, fields) => audit.append(chain, fields),
  now: () => new Date(),
};

const view = ({ officerId: _, updatedBy: __, ...record }: OfficerRecord) => record;

/** The unit's administrator (role quan_tri) lists, invites, re-roles, deactivates and reactivates its officers. */
export const handler = httpEndpoint(
  async (event: APIGatewayProxyEvent) => {
    const administrator = officerOf(event);
    const unit = await officerUnit(reference, administrator);
    const by = `officer:${administrator.username}`;
    const route = `${event.httpMethod} ${event.resource}`;
    if (route === 'GET /officer/officers') {
      return json(200, { items: (await directory.ofAgency(unit.code)).map(view) });
    }
    if (route === 'POST /officer/officers') {
      const invitation = parseJsonBody(event, OfficerInvitationSchema);
      const record = await inviteOfficer(ports, {
        ...invitation,
        agencyCode: unit.code,
        sendInvitation: true,
        by,
      });
      return json(201, view(record));
    }
    const username = pathParameter(event, 'username');
    await requireOfficerOfUnit(ports, { id: administrator.id, agencyCode: unit.code }, username);
    const action = parseJsonBody(event, OfficerAdministrationActionSchema);
    const record =
      action.type === 'set_roles'
        ? await setOfficerRoles(ports, username, action.roles, by)
        : action.type === 'deactivate'
          ? await deactivateOfficer(ports, username, by)
          : await reactivateOfficer(ports, username, by);
    return json(200, view(record));
  },
  officerAuthFromEnv(env, { requiredRole: officerRoleOf(manageOfficersSpec) }),
);
