import * as z from 'zod';

export const SignatureSchema = z
  .object({
    keyId: z.string().min(1).max(2048),
    algorithm: z.enum(['ECDSA_SHA_256', 'RSASSA_PSS_SHA_256']),
    canonicalization: z.literal('RFC8785-JCS'),
    delegation: z
      .object({
        canonical: z
          .string()
          .max(4096)
          .meta({ description: 'The session-key statement (canonical JSON) signed by the KMS key.' }),
        value: z
          .string()
          .regex(/^[A-Za-z0-9+/]+={0,2}$/)
          .max(2048),
      })
      .optional()
      .meta({
        description:
          'Present when a short-lived session key made the signature: verify this statement with the published key first, then the value with the statement’s publicKeyPem.',
      }),
    value: z
      .string()
      .regex(/^[A-Za-z0-9+/]+={0,2}$/)
      .max(2048)
      .meta({ description: 'Base64 DER signature.' }),
  })
  .meta({ id: 'Signature' });

export const SignedDocumentSchema = z
  .object({
    document: z.record(z.string(), z.unknown()),
    canonical: z
      .string()
      .meta({ description: 'The exact UTF-8 text that was signed (RFC 8785 canonical JSON).' }),
    signature: SignatureSchema,
  })
  .meta({ id: 'SignedDocument' });

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
      z.object({ kid: z.string(), algorithm: z.string(), publicKeyPem: z.string(), ...KeyValidity.shape }),
    ),
  })
  .meta({ id: 'SigningKeys', description: 'Public keys as a JWKS and as PEM, for offline verification.' });

export type Signature = z.infer<typeof SignatureSchema>;
export type SignedDocument = z.infer<typeof SignedDocumentSchema>;
export type VerifyRequest = z.infer<typeof VerifyRequestSchema>;
