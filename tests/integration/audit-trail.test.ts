import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../scripts/lib/audit.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { api, completeDossierRequest, dataOutput, postJson } from '../support/deployment.ts';
import { officerAct, officerGet, signInOfficer } from '../support/officers.ts';

const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));

describe('tamper-evident audit trail in the deployed app', () => {
  let log: AuditLog;
  let dossierCode: string;

  beforeAll(async () => {
    log = new AuditLog(dataOutput('AuditTableName'));
    const officer = await signInOfficer('000.17.22.H56');
    const submitted = await postJson<{ dossierCode: string; lookupSecret: string }>(
      '/dossiers',
      await completeDossierRequest(),
    );
    dossierCode = submitted.body.dossierCode;
    await officerAct(officer, dossierCode, { type: 'accept' });
    await officerGet(officer, `/officer/dossiers/${encodeURIComponent(dossierCode)}`);
    await api(`/dossiers/${encodeURIComponent(dossierCode)}`, {
      headers: { 'x-lookup-secret': submitted.body.lookupSecret },
    });
    await officerAct(officer, dossierCode, { type: 'forward' });
  });

  it('records the submission, every state change and every view of personal data, in order', async () => {
    const entries = (await log.entries(dossierCode)).sort((a, b) => a.seq - b.seq);
    expect(entries.map((e) => [e.kind, e.action])).toEqual([
      ['submission', 'submitted'],
      ['state_change', 'accept'],
      ['personal_data_view', 'officer_view'],
      ['personal_data_view', 'citizen_lookup'],
      ['state_change', 'forward'],
    ]);
    expect(await verifyAuditChains(log, [dossierCode])).toEqual([
      { chain: dossierCode, intact: true, length: 5 },
    ]);
  });

  it('finds the first broken link after an entry is altered in the table', async () => {
    await dynamo.send(
      new UpdateCommand({
        TableName: dataOutput('AuditTableName'),
        Key: { chain: dossierCode, seq: 2 },
        UpdateExpression: 'SET actor = :forged',
        ExpressionAttributeValues: { ':forged': 'someone-else' },
      }),
    );
    const [verdict] = await verifyAuditChains(log, [dossierCode]);
    expect(verdict).toMatchObject({ chain: dossierCode, intact: false, brokenAt: 2 });
  });
});
