import { Attributes, CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
} from '@peculiar/asn1-x509';
import type { KmsSigner } from '../../shared/adapters/signer.ts';

/** ecdsa-with-SHA256 (RFC 5758), the algorithm of the platform's KMS signing keys. */
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
/** X.520 attribute types a CA asks for in a subject. */
const ATTRIBUTE_TYPES: Record<string, string> = {
  CN: '2.5.4.3',
  C: '2.5.4.6',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  SERIALNUMBER: '2.5.4.5',
};

/** `CN=…, O=…, C=VN` to an X.500 name; Vietnamese text as UTF8String, the country as PrintableString. */
export function subjectName(subject: string): Name {
  const parts = subject
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return new Name(
    parts.map((part) => {
      const [key = '', ...rest] = part.split('=');
      const type = ATTRIBUTE_TYPES[key.trim().toUpperCase()];
      const value = rest.join('=').trim().normalize('NFC');
      if (!type || !value)
        throw new Error(
          `Unsupported subject part "${part}" (use ${Object.keys(ATTRIBUTE_TYPES).join(', ')})`,
        );
      const attributeValue =
        type === ATTRIBUTE_TYPES.C
          ? new AttributeValue({ printableString: value })
          : new AttributeValue({ utf8String: value });
      return new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value: attributeValue })]);
    }),
  );
}

/**
 * A PKCS #10 certificate request for a KMS signing key, signed by KMS itself: a licensed CA can
 * issue a certificate for the key without its private half ever leaving KMS.
 */
export async function certificateRequestForKmsKey(
  signer: KmsSigner,
  keyId: string,
  subject: string,
): Promise<string> {
  const info = new CertificationRequestInfo({
    version: 0,
    subject: subjectName(subject),
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
