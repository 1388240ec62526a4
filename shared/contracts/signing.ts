import * as z from 'zod';
import { SignatureSchema } from '../domain/signing/signed-document.ts';

export {
  type Delegation,
  type FileSignature,
  FileSignatureSchema,
  type Signature,
  SignatureSchema,
  type SignedDocument,
  SignedDocumentSchema,
} from '../domain/signing/signed-document.ts';

export const VerifyRequestSchema = z
  .object({
    document: z
      .union([z.string().min(2).max(100_000), z.record(z.string(), z.unknown())])
      .meta({ description: 'The canonical JSON text, or the document object (it is canonicalised first).' }),
    signature: SignatureSchema,
  })
  .meta({ id: 'VerifyRequest' });

const KeyValidity = z.object({
  status: z.enum(['active', 'retired']),
  validFrom: z.iso.date(),
  validTo: z.iso
    .date()
    .optional()
    .meta({ description: 'Set once the key is retired; its signatures still verify.' }),
});

export const VerifyResponseSchema = z
  .object({
    valid: z.boolean(),
    keyId: z.string(),
    algorithm: z.string(),
    key: KeyValidity.optional(),
    reason: z.object({ vi: z.string(), en: z.string() }).optional(),
  })
  .meta({ id: 'VerifyResponse' });

export const SigningKeysResponseSchema = z
  .object({
    keys: z.array(
      z.object({
        kid: z.string(),
        kty: z.string(),
        crv: z.string().optional(),
        x: z.string().optional(),
        y: z.string().optional(),
        n: z.string().optional(),
        e: z.string().optional(),
        alg: z.string(),
        use: z.literal('sig'),
        ...KeyValidity.shape,
      }),
    ),
    pem: z.array(
      z.object({
        kid: z.string(),
        fingerprint: z.string(),
        algorithm: z.string(),
        publicKeyPem: z.string(),
        ...KeyValidity.shape,
      }),
    ),
  })
  .meta({ id: 'SigningKeys', description: 'Public keys as a JWKS and as PEM, for offline verification.' });

export type VerifyRequest = z.infer<typeof VerifyRequestSchema>;
