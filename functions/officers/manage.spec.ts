import * as z from 'zod';
import { name, officerPoolVariables } from '../../shared/config/env.ts';
import {
  OfficerAdministrationActionSchema,
  OfficerInvitationSchema,
} from '../../shared/contracts/officers.ts';
import { apiFunction, type EndpointSpec } from '../../shared/http/endpoint-spec.ts';
import { jsonContent, notFound, officerErrors } from '../../shared/http/openapi.ts';

const administrator = { kind: 'officer', role: 'quan_tri' } as const satisfies EndpointSpec['access'];

export const manageOfficersSpec = apiFunction({
  id: 'ManageOfficers',
  handler: 'officers/manage.ts',
  description: 'Officers of the administrator’s unit: list, invite, roles, deactivate, reactivate',
  env: z.object({
    REFERENCE_TABLE: name,
    AUDIT_TABLE: name,
    AUDIT_PENDING_TABLE: name,
    ...officerPoolVariables,
  }),
  permissions: ['reference:read', 'audit:append', 'officers:administer'],
  endpoints: [
    {
      method: 'GET',
      path: '/officer/officers',
      access: administrator,
      operation: {
        summary: 'Officers of the administrator’s unit with their roles and state (role quan_tri)',
        responses: { '200': { description: 'Officers' }, ...officerErrors },
      },
    },
    {
      method: 'POST',
      path: '/officer/officers',
      access: administrator,
      operation: {
        summary: 'Invite an officer into the administrator’s unit (role quan_tri); the invitation is mailed',
        requestBody: { content: jsonContent(OfficerInvitationSchema) },
        responses: { '201': { description: 'The officer’s record' }, ...officerErrors },
      },
    },
    {
      method: 'POST',
      path: '/officer/officers/{username}/actions',
      access: administrator,
      operation: {
        summary: 'Set roles, deactivate or reactivate an officer of the unit (role quan_tri)',
        requestParams: { path: z.object({ username: z.string() }) },
        requestBody: { content: jsonContent(OfficerAdministrationActionSchema) },
        responses: {
          '200': { description: 'The officer’s record after the change' },
          ...officerErrors,
          ...notFound('Not an officer of the unit'),
        },
      },
    },
  ],
});
