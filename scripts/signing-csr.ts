/**
 * Prints a certificate signing request (PEM) for the active signing key, to send to a licensed
 * Vietnamese CA. Check it with `openssl req -in csr.pem -noout -verify -text`.
 *   npx tsx scripts/signing-csr.ts <cdk-outputs.json> "CN=Ủy ban nhân dân tỉnh Thanh Hóa, O=UBND tỉnh Thanh Hóa, L=Thanh Hóa, C=VN"
 */
import { KmsSigner } from '../shared/adapters/signer.ts';
import { certificateRequestForKmsKey } from './lib/csr.ts';
import { output, readOutputs } from './lib/outputs.ts';

const [outputsFile, subject] = process.argv.slice(2);
if (!outputsFile || !subject) {
  console.error('usage: tsx scripts/signing-csr.ts <cdk-outputs.json> "CN=…, O=…, C=VN"');
  process.exit(2);
}
process.stdout.write(
  await certificateRequestForKmsKey(
    new KmsSigner(),
    output(readOutputs(outputsFile), 'Data', 'SigningKeyId'),
    subject,
  ),
);
