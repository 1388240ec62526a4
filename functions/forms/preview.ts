import * as z from 'zod';
import { formPreviewPorts } from '../../shared/adapters/form-preview-ports.ts';
import { loadWorkingCalendar } from '../../shared/adapters/working-calendar.ts';
import { previewForm } from '../../shared/app/forms/preview-form.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { OfficerActionSchema } from '../../shared/contracts/lifecycle.ts';
import { FORM_NUMBERS } from '../../shared/domain/documents/forms.ts';
import { httpEndpoint, parseJsonBody, pathParameter, validate } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { binary } from '../../shared/http/responses.ts';
import { formPreviewSpec } from './preview.spec.ts';

const env = loadEnv(formPreviewSpec.env);
const ports = formPreviewPorts(env);
const FormSchema = z.enum(FORM_NUMBERS);

/** The form an officer's action would issue, unsigned and stamped as a preview; nothing is written. */
export const handler = httpEndpoint(async (event) => {
  const officer = officerOf(event);
  const form = validate(FormSchema, event.pathParameters?.form);
  const action = parseJsonBody(event, OfficerActionSchema);
  const dossierCode = pathParameter(event, 'code');
  const unit = await officerUnit(ports.reference, officer);
  const calendar = await loadWorkingCalendar(env);
  const preview = await previewForm({ ...ports, calendar }, { dossierCode, form, action, officer, unit });
  return binary(200, preview.pdf, 'application/pdf', {
    'content-disposition': `inline; filename="${preview.fileName}"`,
  });
}, officerAuthFromEnv(env));
