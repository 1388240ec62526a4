import { dejaVuSans } from '../../shared/adapters/dejavu-fonts.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { renderRegisterPdf } from '../../shared/adapters/register-pdf.ts';
import { unitRegister } from '../../shared/app/forms/unit-register.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { RegisterQuerySchema } from '../../shared/contracts/register.ts';
import type { RegisterDocument } from '../../shared/domain/documents/register.ts';
import { httpEndpoint, validate } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { binary, text } from '../../shared/http/responses.ts';
import { officerRegisterSpec } from './register.spec.ts';

const env = loadEnv(officerRegisterSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const store = new DossierStore(env.DOSSIERS_TABLE);
const ports = {
  dossiers: {
    receivedBetween: (from: string, to: string) => store.receivedBetween(from, to),
    getMany: (codes: readonly string[]) => store.getMany(codes),
  },
  render: (register: RegisterDocument) => renderRegisterPdf(register, dejaVuSans),
  now: () => new Date(),
};

export const handler = httpEndpoint(async (event) => {
  const query = validate(RegisterQuerySchema, event.queryStringParameters ?? {});
  const register = await unitRegister(ports, await officerUnit(reference, officerOf(event)), query);
  const headers = {
    'cache-control': 'no-store',
    'content-disposition': `attachment; filename="${register.fileName}"`,
  };
  if (register.format === 'csv') return text(200, register.csv, 'text/csv; charset=utf-8', headers);
  return binary(200, register.pdf, 'application/pdf', headers);
}, officerAuthFromEnv(env));
