import { officerAdministrationPorts } from '../../shared/adapters/officer-administration-ports.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import {
  administerOfficer,
  inviteOfficer,
  listOfficersOfUnit,
  officerView,
  requireOfficerOfUnit,
} from '../../shared/app/officers/administer-officers.ts';
import { loadEnv } from '../../shared/config/env.ts';
import {
  OfficerAdministrationActionSchema,
  OfficerInvitationSchema,
} from '../../shared/contracts/officers.ts';
import { httpEndpoint, parseJsonBody, pathParameter } from '../../shared/http/endpoint.ts';
import { officerRoleOf } from '../../shared/http/endpoint-spec.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { manageOfficersSpec } from './manage.spec.ts';

const env = loadEnv(manageOfficersSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const ports = officerAdministrationPorts(env, reference);
const auth = officerAuthFromEnv(env, { requiredRole: officerRoleOf(manageOfficersSpec) });

/** The unit's administrator (role quan_tri) lists, invites, re-roles, deactivates and reactivates its officers. */
export const handler = httpEndpoint(async (event) => {
  const administrator = officerOf(event);
  const { code } = await officerUnit(reference, administrator);
  const by = `officer:${administrator.username}`;
  const route = `${event.httpMethod} ${event.resource}`;
  if (route === 'GET /officer/officers') return json(200, await listOfficersOfUnit(ports.records, code));
  if (route === 'POST /officer/officers') {
    const invitation = { ...parseJsonBody(event, OfficerInvitationSchema), agencyCode: code, by };
    return json(201, officerView(await inviteOfficer(ports, { ...invitation, sendInvitation: true })));
  }
  const username = pathParameter(event, 'username');
  await requireOfficerOfUnit(ports, { id: administrator.id, agencyCode: code }, username);
  const action = parseJsonBody(event, OfficerAdministrationActionSchema);
  return json(200, officerView(await administerOfficer(ports, username, action, by)));
}, auth);
