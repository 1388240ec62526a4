import * as z from 'zod';
import { type Colleagues, listColleagues } from '../../shared/app/officer-desk/list-colleagues.ts';
import { officerPoolVariables } from '../../shared/config/env.ts';
import { OfficerRoleSchema } from '../../shared/domain/officers/officers.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { jsonContent, officerRoute } from '../../shared/http/openapi.ts';
import { json } from '../../shared/http/responses.ts';

export const ColleaguesSchema = z
  .object({
    unitCode: z.string(),
    colleagues: z.array(
      z.object({
        username: z.string(),
        displayName: z.string(),
        roles: z.array(z.object({ role: OfficerRoleSchema, vi: z.string(), en: z.string() })),
      }),
    ),
  })
  .meta({ id: 'OfficerColleagues' }) satisfies z.ZodType<Colleagues>;

export const officerColleaguesSpec = apiFunction({
  id: 'OfficerColleagues',
  description: 'Lists the active officers of the caller’s unit with their roles, for assigning work',
  env: z.object(officerPoolVariables),
  permissions: ['officers:lookup', 'officers:ofUnit'],
  endpoints: [
    officerRoute('GET', '/officer/colleagues', {
      summary:
        'Active officers of the signed-in officer’s unit: username, name and roles (no e-mail, no phone), for the assign form',
      responses: { '200': { description: 'Colleagues', content: jsonContent(ColleaguesSchema) } },
    }),
  ],
  // Modules that create clients or a logger when imported are loaded here, in the Lambda only.
  async serve(env) {
    const [{ httpEndpoint }, { officerAuthFromEnv, officerOf }, { OfficerDirectory }] = await Promise.all([
      import('../../shared/http/endpoint.ts'),
      import('../../shared/http/officer-auth.ts'),
      import('../../shared/adapters/officer-directory.ts'),
    ]);
    const directory = new OfficerDirectory(env.OFFICERS_TABLE);
    const ports = { officersOf: (unit: string) => directory.ofAgency(unit), now: () => new Date() };
    return httpEndpoint(
      async (event) => json(200, await listColleagues(ports, officerOf(event))),
      officerAuthFromEnv(env),
    );
  },
});
