import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { kpiFactsOf } from '../../shared/domain/kpi/kpi.ts';
import { completeDossierRequest, dataOutput, dynamo, postJson, readDossier } from '../support/deployment.ts';
import { receiveDossier, signInOfficer } from '../support/officers.ts';

const run = promisify(execFile);
const UNIT = '000.17.22.H56';
const addKpiFacts = () =>
  run(
    'npx',
    ['tsx', 'scripts/add-kpi-facts.ts', resolve(process.env.MOTCUA_OUTPUTS ?? '.local/outputs-local.json')],
    { env: process.env },
  );

describe('adding the KPI facts to dossiers stored before the recount indexes projected them', () => {
  let dossierCode: string;

  beforeAll(async () => {
    const desk = await signInOfficer(UNIT, ['tiep_nhan']);
    dossierCode = (await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest())).body
      .dossierCode;
    await receiveDossier(desk, dossierCode);
    // A dossier written by the version before: its writes set no `kpiFacts`.
    await dynamo.send(
      new UpdateCommand({
        TableName: dataOutput('DossiersTableName'),
        Key: { dossierCode },
        UpdateExpression: 'REMOVE kpiFacts',
      }),
    );
  });

  it('gives each received dossier the map its next write would give it, once', async () => {
    const before = await readDossier(dossierCode);
    if (!before) throw new Error(`${dossierCode} not stored`);
    expect(before).not.toHaveProperty('kpiFacts');
    const { stdout } = await addKpiFacts();
    expect(stdout).toMatch(/[1-9]\d* dossiers given their KPI facts/);
    const after = await readDossier(dossierCode);
    expect(kpiFactsOf(before)).toMatchObject({ agencyCode: before.agency.code, status: before.status });
    expect(after).toHaveProperty('kpiFacts', kpiFactsOf(before));
    expect(after?.version).toBe(before.version);

    const again = await addKpiFacts();
    expect(again.stdout).toMatch(/(^|\n)0 dossiers given their KPI facts/);
  });
});
