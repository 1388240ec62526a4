import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultLink } from '../../shared/contracts/files.ts';
import type { FormDownload } from '../../shared/contracts/forms.ts';
import { verifySignature, verifyWithPublicKey } from '../../shared/domain/signing/signature.ts';
import {
  api,
  completeDossierRequest,
  postJson,
  publishedKeyPem,
  submittedDossier,
} from '../support/deployment.ts';
import { deployedFunctionName, overrideEnvironment } from '../support/function-settings.ts';
import { recordAtCounter, settleDossier, signInOfficer } from '../support/officers.ts';

const COMMUNE = '000.17.22.H56';
/** The provincial Department of Justice, registered to sign with RSA. */
const RSA_AGENCY = '000.00.11.H56';
const RSA_AGENCY_PROCEDURE = '2.000488.000.00.00.H56';

const bytesAt = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());

/*
 * A deployment planned above the design peak gets `DOCUMENT_SIGNING=session` on the two functions
 * that sign documents (tests/infra checks the derivation). This deployment is a province's, so the
 * setting is put on those two deployed functions for the file, and taken off again after it.
 */
describe('forms and results signed with session keys (documentSigning=session)', () => {
  let restore: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const functions = await Promise.all([
      deployedFunctionName('Api', 'FormDownload'),
      deployedFunctionName('Api', 'OfficerAction'),
    ]);
    restore = await overrideEnvironment(functions, { DOCUMENT_SIGNING: 'session' });
  });

  afterAll(async () => {
    await restore?.();
  });

  const citizenForm = (code: string, secret: string) =>
    api<FormDownload>(`/dossiers/${encodeURIComponent(code)}/forms/01`, {
      headers: { 'x-lookup-secret': secret },
    });

  it('signs a form with a session key: the statement by the published key, the PDF and content by the session key', async () => {
    const { body: counter } = await recordAtCounter<{ dossierCode: string; lookupSecret: string }>(
      COMMUNE,
      await completeDossierRequest(),
    );
    const { body: form } = await citizenForm(counter.dossierCode, counter.lookupSecret);
    const pdf = await bytesAt(form.url);
    const published = await publishedKeyPem(form.pdfSignature.keyId);
    expect(form.pdfSignature.delegation).toBeDefined();
    expect(verifySignature(published, pdf, form.pdfSignature)).toBe(true);
    expect(verifyWithPublicKey(published, pdf, form.pdfSignature)).toBe(false);
    expect(verifySignature(published, Buffer.concat([pdf, Buffer.from(' ')]), form.pdfSignature)).toBe(false);
    const checked = await postJson<{ valid: boolean }>('/verify', {
      document: form.content.canonical,
      signature: form.content.signature,
    });
    expect(checked.body.valid).toBe(true);

    // The second download is the stored file, its statement read back from the file's metadata.
    const again = (await citizenForm(counter.dossierCode, counter.lookupSecret)).body;
    expect(again.pdfSignature).toEqual(form.pdfSignature);
    expect(again.content.signature).toEqual(form.content.signature);
  });

  it('signs a result with a session key, and links the verification page with its statement', async () => {
    const { dossierCode, lookupSecret } = await submittedDossier({}, { routed: true });
    await settleDossier(await signInOfficer(COMMUNE), dossierCode);
    const { body: result } = await api<ResultLink>(`/dossiers/${encodeURIComponent(dossierCode)}/result`, {
      headers: { 'x-lookup-secret': lookupSecret },
    });
    const signature = result.signature;
    if (!signature) throw new Error('the sample procedure returns a signed result');
    expect(signature.delegation).toBeDefined();
    const file = await bytesAt(result.url);
    expect(verifySignature(await publishedKeyPem(signature.keyId), file, signature)).toBe(true);
    expect(JSON.parse(new URL(result.verifyUrl).searchParams.get('delegation') ?? '{}')).toEqual(
      signature.delegation,
    );
  });

  it('still signs in KMS for a unit that signs with RSA: one step, no statement', async () => {
    const { body: counter } = await recordAtCounter<{ dossierCode: string; lookupSecret: string }>(
      RSA_AGENCY,
      await completeDossierRequest({ procedureCode: RSA_AGENCY_PROCEDURE }),
    );
    const { body: form } = await citizenForm(counter.dossierCode, counter.lookupSecret);
    expect(form.pdfSignature).toMatchObject({ algorithm: 'RSASSA_PSS_SHA_256' });
    expect(form.pdfSignature.delegation).toBeUndefined();
    const published = await publishedKeyPem(form.pdfSignature.keyId);
    expect(verifyWithPublicKey(published, await bytesAt(form.url), form.pdfSignature)).toBe(true);
  });
});
