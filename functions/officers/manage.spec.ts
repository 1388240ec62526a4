import * as z from 'zod';
import { name, officerPoolVariables } from '../../shared/config/env.ts';
import {
  OfficerAdministrationActionSchema,
  OfficerInvitationSchema,
} from '../../shared/contracts/officers.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { notFound, officerRoute } from '../../shared/http/openapi.ts';

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
    officerRoute('GET', '/officer/officers', {
      role: 'quan_tri',
      summary: 'Officers of the administrator’s unit with their roles and state (role quan_tri)',
      responses: { '200': { description: 'Officers' } },
    }),
    officerRoute('POST', '/officer/officers', {
      role: 'quan_tri',
      summary: 'Invite an officer into the administrator’s unit (role quan_tri); the invitation is mailed',
      body: OfficerInvitationSchema,
      responses: { '201': { description: 'The officer’s record' } },
    }),
    officerRoute('POST', '/officer/officers/{username}/actions', {
      role: 'quan_tri',
      summary: 'Set roles, deactivate or reactivate an officer of the unit (role quan_tri)',
      params: { path: z.object({ username: z.string() }) },
      body: OfficerAdministrationActionSchema,
      responses: {
        '200': { description: 'The officer’s record after the change' },
        ...notFound('Not an officer of the unit'),
      },
    }),
  ],
});
