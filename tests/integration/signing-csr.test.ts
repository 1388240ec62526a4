import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { certificateRequestForKmsKey } from '../../scripts/lib/csr.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { dataOutput, publishedKeyPem } from '../support/deployment.ts';

const SUBJECT = 'CN=Ủy ban nhân dân tỉnh Thanh Hóa, O=UBND tỉnh Thanh Hóa, L=Thanh Hóa, C=VN';

describe('a certificate request for the KMS signing key', () => {
  it('is signed by the key it names and carries the province as subject', async () => {
    const keyId = dataOutput('SigningKeyId');
    const pem = await certificateRequestForKmsKey(new KmsSigner(), keyId, SUBJECT);
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
    const request = new x509.Pkcs10CertificateRequest(pem);
    expect(await request.verify()).toBe(true);
    expect(request.subject).toContain('CN=Ủy ban nhân dân tỉnh Thanh Hóa');
    expect(request.subject).toContain('C=VN');
    const published = Buffer.from(
      (await publishedKeyPem(keyId)).replace(/-----[A-Z ]+-----|\s/g, ''),
      'base64',
    );
    expect(Buffer.from(request.publicKey.rawData)).toEqual(published);

    // The same request passes OpenSSL's own check, as a CA would run it.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'csr-')), 'request.pem');
    writeFileSync(file, pem);
    const openssl = spawnSync('openssl', ['req', '-in', file, '-noout', '-verify'], { encoding: 'utf8' });
    expect(openssl.status).toBe(0);
    expect(`${openssl.stdout}${openssl.stderr}`).toMatch(/verify OK/i);
  });
});
