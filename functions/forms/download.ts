import * as z from 'zod';
import { formPorts } from '../../shared/adapters/form-ports.ts';
import { downloadForm, type FormCaller } from '../../shared/app/forms/download-form.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { FORM_NUMBERS } from '../../shared/domain/documents/forms.ts';
import { httpEndpoint, pathParameter, validate } from '../../shared/http/endpoint.ts';
import { lookupGateFromEnv } from '../../shared/http/lookup-gate.ts';
import { maybeOfficerOf, officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { formDownloadSpec } from './download.spec.ts';

const env = loadEnv(formDownloadSpec.env);
const ports = formPorts(env);
const gate = lookupGateFromEnv(env);
const PathSchema = z.object({ code: z.string().min(1).max(80), form: z.enum(FORM_NUMBERS) });

/** Forms 01–06 of a dossier as signed PDFs, for its citizen (lookup secret) or the unit holding it. */
export const handler = httpEndpoint(
  async (event) => {
    const path = { code: pathParameter(event, 'code'), form: event.pathParameters?.form };
    const { code, form } = validate(PathSchema, path);
    // The officers' route needs an officer; the citizens' route takes an officer's token too.
    const officer = event.resource.startsWith('/officer/') ? officerOf(event) : maybeOfficerOf(event);
    const caller: FormCaller = officer
      ? { kind: 'officer', username: officer.username, unit: () => officerUnit(ports.reference, officer) }
      : { kind: 'citizen', gate: gate.for(event) };
    return json(200, await downloadForm(ports, caller, code, form));
  },
  officerAuthFromEnv(env, { optional: true }),
);
