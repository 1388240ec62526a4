import * as z from 'zod';
import type { OfficerProfile } from '../../shared/app/officer-desk/officer-profile.ts';
import { name, officerPoolVariables } from '../../shared/config/env.ts';
import { TierSchema } from '../../shared/contracts/catalog.ts';
import { OfficerRoleSchema } from '../../shared/domain/officers/officers.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { jsonContent, officerRoute } from '../../shared/http/openapi.ts';

export const OfficerProfileSchema = z
  .object({
    username: z.string(),
    unit: z.object({ code: z.string(), name: z.string(), tier: TierSchema }),
    roles: z.array(z.object({ role: OfficerRoleSchema, vi: z.string(), en: z.string() })),
  })
  .meta({ id: 'OfficerProfile' }) satisfies z.ZodType<OfficerProfile>;

export const officerProfileSpec = apiFunction({
  id: 'OfficerProfile',
  handler: 'officer/me.ts',
  description: 'Tells the signed-in officer their unit and roles, as the Officers table grants them',
  env: z.object({ REFERENCE_TABLE: name, ...officerPoolVariables }),
  permissions: ['reference:read', 'officers:lookup'],
  endpoints: [
    officerRoute('GET', '/officer/me', {
      summary: 'The signed-in officer: unit and roles granted by an administrator (for the workspace)',
      responses: { '200': { description: 'Profile', content: jsonContent(OfficerProfileSchema) } },
    }),
  ],
});
