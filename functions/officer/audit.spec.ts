import * as z from 'zod';
import { name, officerPoolVariables } from '../../shared/config/env.ts';
import { AuditTrailSchema } from '../../shared/contracts/audit.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import {
  dossierCodeParam,
  jsonContent,
  officerDossierNotFound,
  officerRoute,
} from '../../shared/http/openapi.ts';

export const officerAuditSpec = apiFunction({
  id: 'OfficerAudit',
  handler: 'officer/audit.ts',
  description: "Shows a dossier's audit trail and the mails sent about it, masked, to the unit holding it",
  env: z.object({
    DOSSIERS_TABLE: name,
    AUDIT_TABLE: name,
    MAIL_TABLE: name,
    REFERENCE_TABLE: name,
    ...officerPoolVariables,
  }),
  permissions: ['dossiers:read', 'reference:read', 'officers:lookup', 'audit:read', 'mailEvents:read'],
  endpoints: [
    officerRoute('GET', '/officer/dossiers/{code}/audit', {
      summary:
        'The dossier’s audit entries and mails sent, newest first, personal data masked, with whether the chain verifies',
      params: dossierCodeParam,
      responses: {
        '200': { description: 'Audit trail', content: jsonContent(AuditTrailSchema) },
        ...officerDossierNotFound,
      },
    }),
  ],
});
