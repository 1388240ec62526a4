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

/**
 * A file's signature (a form's PDF, a result): over the file's bytes with SHA-256, so any
 * ECDSA-SHA256 or RSA-PSS tool checks it against the whole file; a delegation as for documents.
 */
export const FileSignatureSchema = SignatureSchema.omit({ canonicalization: true }).meta({
  id: 'FileSignature',
});

export const SignedDocumentSchema = z
  .object({
    document: z.record(z.string(), z.unknown()),
    canonical: z
      .string()
      .meta({ description: 'The exact UTF-8 text that was signed (RFC 8785 canonical JSON).' }),
    signature: SignatureSchema,
  })
  .meta({ id: 'SignedDocument' });

export type Signature = z.infer<typeof SignatureSchema>;
export type FileSignature = z.infer<typeof FileSignatureSchema>;
/** A session key's statement and the KMS key's signature over it, as a signature carries them. */
export type Delegation = NonNullable<Signature['delegation']>;
export type SignedDocument = z.infer<typeof SignedDocumentSchema>;
