import { Attributes, CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Name, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';
import type { KmsSigner } from '../../shared/adapters/signer.ts';

/** ecdsa-with-SHA256 (RFC 5758), the algorithm of the platform's KMS signing keys. */
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

/**
 * A PKCS #10 certificate request for a KMS signing key, signed by KMS itself: a licensed CA can
 * issue a certificate for the key without its private half ever leaving KMS.
 * `subject` is an X.500 name such as `CN=Ủy ban nhân dân tỉnh Thanh Hóa, O=UBND tỉnh Thanh Hóa, C=VN`.
 */
export async function certificateRequestForKmsKey(
  signer: KmsSigner,
  keyId: string,
  subject: string,
): Promise<string> {
  const info = new CertificationRequestInfo({
    version: 0,
    subject: AsnConvert.parse(new x509.Name(subject).toArrayBuffer(), Name),
    subjectPKInfo: AsnConvert.parse(await signer.publicKeyDer(keyId), SubjectPublicKeyInfo),
    attributes: new Attributes(),
  });
  const signature = await signer.signBytes(keyId, new Uint8Array(AsnConvert.serialize(info)));
  const request = new CertificationRequest({
    certificationRequestInfo: info,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 }),
    signature: new Uint8Array(signature).buffer,
  });
  const der = Buffer.from(AsnConvert.serialize(request));
  const body = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  return `-----BEGIN CERTIFICATE REQUEST-----\n${body}\n-----END CERTIFICATE REQUEST-----\n`;
}
