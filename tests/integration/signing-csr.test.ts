import { spawnSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
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
    const der = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    const request = AsnConvert.parse(der, CertificationRequest);
    const info = Buffer.from(AsnConvert.serialize(request.certificationRequestInfo));
    const spki = Buffer.from(AsnConvert.serialize(request.certificationRequestInfo.subjectPKInfo));
    const published = Buffer.from(
      (await publishedKeyPem(keyId)).replace(/-----[A-Z ]+-----|\s/g, ''),
      'base64',
    );
    expect(spki).toEqual(published);
    const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    expect(verify('sha256', info, key, Buffer.from(request.signature))).toBe(true);
    const subject = request.certificationRequestInfo.subject
      .map((rdn) => rdn.map((atv) => atv.value.toString()).join(''))
      .join(' | ');
    expect(subject).toBe('Ủy ban nhân dân tỉnh Thanh Hóa | UBND tỉnh Thanh Hóa | Thanh Hóa | VN');

    // The same request passes OpenSSL's own check, as a CA would run it.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'csr-')), 'request.pem');
    writeFileSync(file, pem);
    const openssl = spawnSync('openssl', ['req', '-in', file, '-noout', '-verify'], { encoding: 'utf8' });
    expect(openssl.status).toBe(0);
    expect(`${openssl.stdout}${openssl.stderr}`).toMatch(/verify OK/i);
  });
});
