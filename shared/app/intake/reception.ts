import type { AgencyRecord } from '../../contracts/catalog.ts';
import type { Signature } from '../../contracts/signing.ts';
import { receptionOf } from '../../domain/intake/intake.ts';
import { canonicalJson } from '../../domain/intake/receipt.ts';
import type { SignedDocument } from '../../domain/signing/signed-document.ts';
import { chooseSigningKey } from '../../domain/signing/signing-keys.ts';
import type { DocumentSigner } from '../file-ports.ts';

/** Signs a receipt's canonical text with a key of the receiving agency. */
export type ReceiptSigner = (agency: AgencyRecord, canonical: string) => Promise<Signature>;

/** What reception writes on the dossier: the instant received, the appointment and the signed form 01. */
export interface SignedReception {
  receivedAt: string;
  dueAt: string;
  receipt: SignedDocument;
}

/**
 * Receives a dossier: the clock starts now, the appointment follows from the procedure, and form 01
 * is signed by the receiving agency. Counter intake and the desk's `accept` both go through here.
 */
export async function signedReception(
  input: Parameters<typeof receptionOf>[0],
  sign: ReceiptSigner,
): Promise<SignedReception> {
  const reception = receptionOf(input);
  const canonical = canonicalJson(reception.receipt);
  return {
    receivedAt: reception.receivedAt,
    dueAt: reception.dueAt,
    receipt: {
      document: { ...reception.receipt },
      canonical,
      signature: await sign(input.agency, canonical),
    },
  };
}

/** A receipt signer that asks the key service directly, with the agency's ECDSA or RSA key. */
export function keyServiceReceiptSigner(
  signer: Pick<DocumentSigner, 'sign'>,
  keys: { ecdsa: string; rsa: string },
): ReceiptSigner {
  return (agency, canonical) => {
    const choice = chooseSigningKey(agency, keys);
    return signer.sign(choice.keyId, canonical, choice.algorithm);
  };
}
