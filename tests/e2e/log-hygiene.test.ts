import { randomInt } from 'node:crypto';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import {
  api,
  completeDossierRequest,
  dossierRequest,
  postJson,
  recordedMail,
  waitFor,
  waitUntilRouted,
} from '../support/deployment.ts';
import { officerAct, officerGet, settleDossier, signInOfficer } from '../support/officers.ts';

const logs = new CloudWatchLogsClient({});

/** Every line the deployed functions logged (each function's CloudWatch Logs group, as CDK named it). */
async function allFunctionLogs(): Promise<string[]> {
  const lines: string[] = [];
  let groupToken: string | undefined;
  do {
    const groups = await logs.send(new DescribeLogGroupsCommand({ nextToken: groupToken }));
    for (const group of (groups.logGroups ?? []).filter((g) => g.logGroupName?.includes('MotCua-'))) {
      let token: string | undefined;
      do {
        const page = await logs.send(
          new FilterLogEventsCommand({ logGroupName: group.logGroupName, nextToken: token }),
        );
        lines.push(...(page.events ?? []).map((event) => event.message ?? ''));
        token = page.nextToken;
      } while (token);
    }
    groupToken = groups.nextToken;
  } while (groupToken);
  return lines;
}

describe('logs', () => {
  it('never hold a citizen’s ID number, phone number or full mail address', async () => {
    // Values no other test uses, so any occurrence comes from this dossier's handling.
    const idNumber = `0${String(randomInt(10 ** 10, 10 ** 11 - 1))}`;
    const phone = `09${String(randomInt(10_000_000, 99_999_999))}`;
    const email = `cong.dan.${randomInt(10 ** 6, 10 ** 7)}@example.vn`;
    const applicant = { ...dossierRequest().applicant, idNumber, phone, email };

    const submitted = await postJson<{ dossierCode: string; lookupSecret: string }>(
      '/dossiers',
      await completeDossierRequest({ applicant }),
    );
    expect(submitted.status).toBe(201);
    const code = submitted.body.dossierCode;
    // A refused request carrying the same data goes through the error path too.
    const refused = await postJson(
      '/dossiers',
      dossierRequest({ applicant: { ...applicant, email: 'not an address' } }),
    );
    expect(refused.status).toBe(400);
    const lookup = await api(`/dossiers/${encodeURIComponent(code)}`, {
      headers: { 'x-lookup-secret': submitted.body.lookupSecret },
    });
    expect(lookup.status).toBe(200);
    const officer = await signInOfficer('000.17.22.H56');
    expect((await officerGet(officer, `/officer/dossiers/${encodeURIComponent(code)}`)).status).toBe(200);
    expect((await officerAct(officer, code, { type: 'accept' })).status).toBe(200);
    await waitUntilRouted(code);
    await waitFor(
      async () => ((await recordedMail()).some((mail) => mail.To.includes(email)) ? true : undefined),
      'the receipt mail',
    );

    const lines = await waitFor(async () => {
      const found = await allFunctionLogs();
      // The scan sees the API's own functions, not only the queue consumers (submitted online, the
      // dossier is logged as submitted: the desk receives it afterwards).
      return found.some((line) => line.includes(code) && line.includes('dossier submitted')) &&
        found.some((line) => line.includes(code) && line.includes('mail sent'))
        ? found
        : undefined;
    }, 'this dossier’s log lines');
    const leaks = lines.filter(
      (line) => line.includes(idNumber) || line.includes(phone) || line.includes(email),
    );
    expect(leaks).toEqual([]);
  });

  it('never hold a citizen’s feedback comment', async () => {
    const marker = `gop-y-${randomInt(10 ** 8, 10 ** 9)}`;
    const submitted = await postJson<{ dossierCode: string; lookupSecret: string }>(
      '/dossiers',
      await completeDossierRequest(),
    );
    const code = submitted.body.dossierCode;
    const headers = { 'x-lookup-secret': submitted.body.lookupSecret };
    const path = `/dossiers/${encodeURIComponent(code)}/feedback`;
    await waitUntilRouted(code);
    // Refused before settlement, refused for a bad rating, stored, then refused as a second one.
    expect((await postJson(path, { rating: 5, comment: marker }, headers)).status).toBe(409);
    await settleDossier(await signInOfficer('000.17.22.H56'), code);
    expect((await postJson(path, { rating: 9, comment: marker }, headers)).status).toBe(400);
    expect((await postJson(path, { rating: 5, comment: marker }, headers)).status).toBe(201);
    expect((await postJson(path, { rating: 5, comment: marker }, headers)).status).toBe(409);

    const lines = await waitFor(async () => {
      const found = await allFunctionLogs();
      // The feedback function's refusals are logged (by code and field names): its lines are in.
      return found.some((line) => line.includes('FEEDBACK_ALREADY_GIVEN')) ? found : undefined;
    }, 'the feedback function’s log lines');
    expect(lines.filter((line) => line.includes(marker))).toEqual([]);
  });

  it('hold no stream record the webhook dispatcher failed, though the KPI stream also carries bookkeeping', async () => {
    // By now the aggregator has closed days (its closing state) and recounted months (drift
    // records) in the KPI table, whose stream the dispatcher reads beside the published rows.
    const lines = await allFunctionLogs();
    expect(lines.some((line) => line.includes('KPI aggregated'))).toBe(true);
    expect(lines.filter((line) => line.includes('stream record failed'))).toEqual([]);
  });
});
