import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { completeDossierRequest, dataOutput, dynamo, postJson } from './deployment.ts';
import { receiveDossier, signInOfficer } from './officers.ts';

const run = promisify(execFile);

/** Runs one of the operators' upgrade scripts against the deployment under test. */
export const runUpgradeScript = (script: string, flags: readonly string[] = []) =>
  run('npx', ['tsx', script, resolve(process.env.MOTCUA_OUTPUTS ?? '.local/outputs-local.json'), ...flags], {
    env: process.env,
  });

/** A dossier submitted online and received at the commune desk (`overrides` go into the request). */
export async function receivedDossier(overrides: Record<string, unknown> = {}): Promise<string> {
  const desk = await signInOfficer('000.17.22.H56', ['tiep_nhan']);
  const { dossierCode } = (
    await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest(overrides))
  ).body;
  await receiveDossier(desk, dossierCode);
  return dossierCode;
}

/** Takes attributes off a stored dossier, as a version that did not write them left it. */
export async function removeAttributes(dossierCode: string, attributes: readonly string[]): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: dataOutput('DossiersTableName'),
      Key: { dossierCode },
      UpdateExpression: `REMOVE ${attributes.join(', ')}`,
    }),
  );
}

/**
 * A dossier received at the commune desk as the version before an upgrade stored it: without the
 * attributes that version's writes did not set.
 */
export async function receivedDossierWithout(attributes: readonly string[]): Promise<string> {
  const dossierCode = await receivedDossier();
  await removeAttributes(dossierCode, attributes);
  return dossierCode;
}
