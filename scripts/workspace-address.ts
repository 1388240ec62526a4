/**
 * Prints where the officers' workspace of a local deployment is and, when given a username, the
 * temporary password of its invitation as the emulator delivered it (the emulator's mail store).
 *   npx tsx scripts/workspace-address.ts <cdk-outputs.json> [username]
 */
import { apiBaseUrl, readOutputs } from './lib/outputs.ts';

const [outputsFile, username] = process.argv.slice(2);
if (!outputsFile) {
  console.error('usage: tsx scripts/workspace-address.ts <cdk-outputs.json> [username]');
  process.exit(2);
}
// The local deployment's address needs the emulator's; `npm start` uses port 4566 unless told otherwise.
const endpoint =
  process.env.AWS_ENDPOINT_URL ??
  (outputsFile.includes('outputs-local')
    ? `http://127.0.0.1:${process.env.MOTCUA_EMULATOR_PORT ?? '4566'}`
    : undefined);
const workspace = `${apiBaseUrl(readOutputs(outputsFile), endpoint)}workspace`;
console.log(`\n  Officers' workspace / Không gian làm việc cán bộ: ${workspace}`);

interface StoredMail {
  Subject?: string;
  BodyText?: string;
  BodyHtml?: string;
}

if (username && endpoint) {
  const answer = await fetch(`${endpoint}/_ministack/ses/messages`);
  const { messages = {} } = (await answer.json()) as { messages?: Record<string, StoredMail[]> };
  const invitation = Object.values(messages)
    .flat()
    .filter((mail) => `${mail.BodyText ?? ''}${mail.BodyHtml ?? ''}`.includes(username))
    .at(-1);
  const text = `${invitation?.BodyText ?? ''} ${invitation?.BodyHtml ?? ''}`;
  const password = text.match(
    /(?:Mật khẩu tạm thời|temporary password)[^:]*:\s*(?:<[^>]+>)*\s*([^\s<]+)/i,
  )?.[1];
  console.log(
    password
      ? `  Temporary password / Mật khẩu tạm thời (${username}): ${password}  — you will change it at first sign-in.`
      : `  The invitation is in the emulator's mail store: ${endpoint}/_ministack/ses/messages`,
  );
}
