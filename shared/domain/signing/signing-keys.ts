import * as z from 'zod';

/**
 * Signing keys are rotated by adding a generation: the newest signs, the older ones stay published
 * (with the period they signed in) so that every signature made with them still verifies.
 */
export const SigningKeyGenerationSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,20}$/),
  validFrom: z.iso.date(),
  retiredAt: z.iso.date().optional(),
});

export const SigningKeyGenerationsSchema = z
  .array(SigningKeyGenerationSchema)
  .min(1)
  .refine((generations) => new Set(generations.map((g) => g.id)).size === generations.length, {
    message: 'signing key generation ids must be unique',
  })
  .refine(
    (generations) => generations.slice(0, -1).every((g) => g.retiredAt) && !generations.at(-1)?.retiredAt,
    {
      message: 'every generation but the last must have retiredAt; the last one is the active key',
    },
  );

export type SigningKeyGeneration = z.infer<typeof SigningKeyGenerationSchema>;

/** A published key as the functions receive it: the KMS key and its validity. */
export const SIGNING_ALGORITHMS = ['ECDSA_SHA_256', 'RSASSA_PSS_SHA_256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export const PublishedKeySchema = z.object({
  keyId: z.string().min(1),
  algorithm: z.enum(SIGNING_ALGORITHMS).default('ECDSA_SHA_256'),
  validFrom: z.string(),
  retiredAt: z.string().optional(),
});
export type PublishedKey = z.infer<typeof PublishedKeySchema>;

/** Agencies sign with ECDSA P-256 unless their registry entry asks for RSA (RSA-PSS, 3072 bits). */
export function chooseSigningKey(
  agency: { signingAlgorithm?: SigningAlgorithm | undefined },
  keys: { ecdsa: string; rsa: string },
): { keyId: string; algorithm: SigningAlgorithm } {
  return agency.signingAlgorithm === 'RSASSA_PSS_SHA_256'
    ? { keyId: keys.rsa, algorithm: 'RSASSA_PSS_SHA_256' }
    : { keyId: keys.ecdsa, algorithm: 'ECDSA_SHA_256' };
}

export function keyStatus(key: PublishedKey): 'active' | 'retired' {
  return key.retiredAt ? 'retired' : 'active';
}
