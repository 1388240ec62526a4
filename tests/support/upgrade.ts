import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { completeDossierRequest, dataOutput, dynamo, postJson } from './deployment.ts';
import { receiveDossier, signInOfficer } from './officers.ts';

const run = promisify(execFile);

/** Runs one of the operators' upgrade scripts against the deployment under test. */
export const runUpgradeScript = (script: string) =>
  run('npx', ['tsx', script, resolve(process.env.MOTCUA_OUTPUTS ?? '.local/outputs-local.json')], {
    env: process.env,
  });

/**
 * A dossier received at the commune desk as the version before an upgrade stored it: without the
 * attributes that version's writes did not set.
 */
export async function receivedDossierWithout(attributes: readonly string[]): Promise<string> {
  const desk = await signInOfficer('000.17.22.H56', ['tiep_nhan']);
  const { dossierCode } = (
    await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest())
  ).body;
  await receiveDossier(desk, dossierCode);
  await dynamo.send(
    new UpdateCommand({
      TableName: dataOutput('DossiersTableName'),
      Key: { dossierCode },
      UpdateExpression: `REMOVE ${attributes.join(', ')}`,
    }),
  );
  return dossierCode;
}
