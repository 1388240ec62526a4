import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { deadlineWatch } from '../../shared/domain/lifecycle/deadline-alerts.ts';
import { completeDossierRequest, dataOutput, dynamo, postJson, readDossier } from '../support/deployment.ts';
import { receiveDossier, signInOfficer } from '../support/officers.ts';

const run = promisify(execFile);
const UNIT = '000.17.22.H56';

describe('indexing the open dossiers of a deployment upgraded to the open-dossier index', () => {
  let dossierCode: string;

  beforeAll(async () => {
    const desk = await signInOfficer(UNIT, ['tiep_nhan']);
    dossierCode = (await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest())).body
      .dossierCode;
    await receiveDossier(desk, dossierCode);
    // A dossier received before the upgrade: the lifecycle writes of that version set no index keys.
    await dynamo.send(
      new UpdateCommand({
        TableName: dataOutput('DossiersTableName'),
        Key: { dossierCode },
        UpdateExpression: 'REMOVE deadlineShard, nextDeadline',
      }),
    );
  });

  it('gives each received, open dossier the keys its next lifecycle write would give it', async () => {
    const before = await readDossier(dossierCode);
    if (!before) throw new Error(`${dossierCode} not stored`);
    expect(before).not.toHaveProperty('nextDeadline');
    const { stdout } = await run(
      'npx',
      [
        'tsx',
        'scripts/index-open-dossiers.ts',
        resolve(process.env.MOTCUA_OUTPUTS ?? '.local/outputs-local.json'),
      ],
      { env: process.env },
    );
    expect(stdout).toMatch(/[1-9]\d* open dossiers indexed/);
    const after = await readDossier(dossierCode);
    expect(after).toMatchObject(deadlineWatch(before));
    expect(after?.version).toBe(before.version);

    const again = await run(
      'npx',
      [
        'tsx',
        'scripts/index-open-dossiers.ts',
        resolve(process.env.MOTCUA_OUTPUTS ?? '.local/outputs-local.json'),
      ],
      { env: process.env },
    );
    expect(again.stdout).toMatch(/(^|\n)0 open dossiers indexed/);
  });
});
