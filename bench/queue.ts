/**
 * The officers' work queue at scale. Loads N open dossiers of one unit straight into the deployed
 * Dossiers table (BatchWriteItem, 25 a request), each made from the items a real dossier's life
 * writes (`buildDossierLife`: intake's `prepareDossier`, reception, the lifecycle) with its own code,
 * applicant, deadline and status, and with the queue and search attributes the store writes. Then,
 * as a registered officer of that unit, times through the API (median of `runs` sequential calls):
 *  - the first page (`GET /officer/dossiers`, 50 lines, with the counts per tab);
 *  - a filtered page (`tab=soon&status=in_progress`);
 *  - a search by the beginning of an applicant name (`POST /officer/dossiers/search`), one that
 *    stops at its 50th match and one that matches nothing;
 *  - the next page (the first page's cursor);
 * and, in Chromium, the workspace page itself (`/workspace`, signed in): from opening the page to its
 * queue table drawn, and from choosing a tab to the tab's table drawn. Both are timed in the page
 * (a MutationObserver notes when the table enters the document: from the navigation's start on a
 * reload, from the hash change on a tab); the same spans seen from the test driver, which finds the
 * table by polling it, are printed beside them (they add the driver's polling, up to half a second).
 * Every event source mapping but the queue counter's is paused meanwhile, so the KPI counter and the
 * webhook dispatcher do not share the cores with the calls measured (they drain afterwards). The
 * queue counter counts the loaded dossiers from the stream; the calls are timed once the counts the
 * API gives equal the unit's open dossiers counted in the index, and the time that took is reported.
 * The first call of all (a cold function, perhaps) is reported on its own, and so are three calls made
 * 31 s after the last one, when counts kept per function instance (by earlier versions) had expired.
 *   AWS_ENDPOINT_URL=… npx tsx bench/queue.ts [dossiers=10000] [runs=7] [outputs-file]
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { seedCalendarEntries } from '../scripts/lib/calendar-file.ts';
import { enabledMappings, withMappingsPaused } from '../scripts/lib/event-sources.ts';
import { registerAndSignIn } from '../scripts/lib/officer-admin.ts';
import { deployedApi, output } from '../scripts/lib/outputs.ts';
import { TABLES } from '../shared/config/tables.ts';
import { addWorkingDays } from '../shared/domain/calendar/calendar.ts';
import { calendarFromEntries } from '../shared/domain/calendar/calendar-entries.ts';
import { toVietnamIso } from '../shared/domain/calendar/time.ts';
import { formatDossierCode } from '../shared/domain/intake/dossier-code.ts';
import type { DossierRecord } from '../shared/domain/lifecycle/dossier.ts';
import {
  applicantIdentifiers,
  queueAttributes,
  queuePartitions,
  searchAttributes,
} from '../shared/domain/officers/work-queue.ts';
import { launchBrowser } from '../tests/support/browser.ts';
import { buildDossierLife } from './lib/dossier-items.ts';

const [dossiersArg = '10000', runsArg = '7', outputsArg] = process.argv.slice(2);
const total = Number(dossiersArg);
const runs = Number(runsArg);
const { outputs, base } = deployedApi(outputsArg);
const table = output(outputs, 'Data', 'DossiersTableName');
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
const lambda = new LambdaClient({});
const calendar = calendarFromEntries(seedCalendarEntries());

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Thanh', 'Minh', 'Ngọc', 'Thu'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Hoa', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Phương', 'Quân'];
const pick = <T>(list: readonly T[], index: number): T => list[index % list.length] as T;

/** The digests' key is the deployment's KMS key; the bench's stand-in gives digests of the same size. */
const benchKey = randomBytes(32);
const digest = (id: string) => createHmac('sha256', benchKey).update(id).digest('base64url');

const life = await buildDossierLife();
const unit = life.agency.code;
const now = new Date();
const started = life.stages.started as unknown as DossierRecord;
const created = life.stages.created as unknown as DossierRecord;

/** Dossier `index`: one in seven awaits reception; the others are being processed, due from 5 days ago to 25 days on. */
function item(index: number): Record<string, unknown> {
  const submitted = new Date(now.getTime() - (1 + (index % 20)) * 86_400_000 - index * 1000);
  const dossierCode = formatDossierCode(unit, submitted, 1 + Math.floor(index / 20));
  const name = `${pick(FAMILY, index)} ${pick(MIDDLE, index * 7)} ${pick(GIVEN, index * 13)}`;
  const idNumber = `0381990${String(index).padStart(5, '0')}`;
  const awaiting = index % 7 === 0;
  const template = awaiting ? created : started;
  const applicant = { ...template.applicant, fullName: name, idNumber };
  const dueAt = awaiting
    ? undefined
    : toVietnamIso(new Date(now.getTime() + ((index % 31) - 5) * 86_400_000 + (index % 480) * 60_000));
  const record: DossierRecord = {
    ...template,
    dossierCode,
    applicant,
    submittedAt: toVietnamIso(submitted),
    ...(awaiting ? {} : { receivedAt: toVietnamIso(submitted), dueAt }),
    ...searchAttributes(applicant, applicantIdentifiers(applicant).map(digest)),
  };
  // Routed and arrived, as the started one was: the re-send sweep leaves them alone.
  const { awaitingRouting: _, ...stored } = { ...record, routing: started.routing } as Record<
    string,
    unknown
  >;
  return { ...stored, ...queueAttributes(record) };
}

async function load(): Promise<number> {
  const started = Date.now();
  const batches: Record<string, unknown>[][] = [];
  for (let index = 0; index < total; index += 25)
    batches.push(Array.from({ length: Math.min(25, total - index) }, (_, offset) => item(index + offset)));
  const workers = Array.from({ length: 8 }, async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const answer = await dynamo.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (answer.UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    }
  });
  await Promise.all(workers);
  return (Date.now() - started) / 1000;
}

/** The unit's open dossiers as the queue index holds them (bands 0 and 1), counted page by page. */
async function openInIndex(): Promise<{ all: number; reception: number }> {
  const counted = { all: 0, reception: 0 };
  for (const partition of queuePartitions(unit))
    for (const [band, to] of [
      ['reception', '0#~'],
      ['all', '1#~'],
    ] as const) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(
          new QueryCommand({
            TableName: table,
            IndexName: TABLES.dossiers.indexes.queue.name,
            KeyConditionExpression: 'queuePartition = :partition AND queueKey BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':partition': partition, ':from': '0#', ':to': to },
            Select: 'COUNT',
            ExclusiveStartKey: startKey,
          }),
        );
        counted[band] += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
  return counted;
}

/** Waits until the counts the API gives are the index's: the queue counter has counted the load. */
async function countersCaughtUp(get: (path: string) => ReturnType<typeof timed>): Promise<number> {
  const started = Date.now();
  const expected = await openInIndex();
  for (;;) {
    const { body } = await get('/officer/dossiers?limit=1');
    const { counts } = body;
    if (counts?.all === expected.all && counts.reception === expected.reception)
      return (Date.now() - started) / 1000;
    if (Date.now() - started > 20 * 60_000)
      throw new Error(`counts ${JSON.stringify(counts)} never reached ${JSON.stringify(expected)}`);
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}

async function timed(path: string, init: RequestInit) {
  const begin = performance.now();
  const response = await fetch(`${base}${path.replace(/^\//, '')}`, init);
  const body = (await response.json()) as {
    dossiers?: unknown[];
    nextCursor?: string;
    counts?: Record<string, number>;
  };
  const ms = performance.now() - begin;
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return { ms, body };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function measure() {
  const loadSeconds = await load();
  const officer = await registerAndSignIn(outputs, unit, ['tiep_nhan', 'chuyen_vien'], 'bench-queue');
  const headers = { authorization: `Bearer ${officer.idToken}`, 'content-type': 'application/json' };
  const get = (path: string) => timed(path, { headers });
  const post = (path: string, body: unknown) =>
    timed(path, { method: 'POST', headers, body: JSON.stringify(body) });
  const countedSeconds = await countersCaughtUp(get);
  // One call first, which may find a cold function: it is reported on its own.
  const warm = await get('/officer/dossiers');
  const cursor = warm.body.nextCursor;
  if (!cursor) throw new Error('the first page has no next page');
  const cases: [string, () => ReturnType<typeof timed>][] = [
    ['first page (50, counts)', () => get('/officer/dossiers')],
    ['filtered page (soon, in_progress)', () => get('/officer/dossiers?tab=soon&status=in_progress')],
    // One in 24 bench dossiers is "Nguyễn Văn An", and other given names begin with "an": it stops at its 50th match.
    ['search, a common given name', () => post('/officer/dossiers/search', { text: 'an' })],
    // No bench dossier is "Trần Thị Lan": the name index has no key that begins "lan tran thi".
    ['search, no match', () => post('/officer/dossiers/search', { text: 'tran thi lan' })],
    ['next page (cursor)', () => get(`/officer/dossiers?cursor=${encodeURIComponent(cursor)}`)],
  ];
  await post('/officer/dossiers/search', { text: 'warm up' });
  const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]));
  const lines = new Map<string, number>();
  for (let run = 0; run < runs; run += 1) {
    for (const [name, call] of cases) {
      const { ms, body } = await call();
      samples.get(name)?.push(ms);
      lines.set(name, body.dossiers?.length ?? 0);
    }
  }
  // Three calls that count anew, each once counts kept 30 s per instance (by earlier versions) have
  // expired. On a loaded machine one may outlast the function's timeout: that is reported, not thrown.
  const countReads: (number | string)[] = [];
  for (let read = 0; read < 3; read += 1) {
    await new Promise((resolve) => setTimeout(resolve, 31_000));
    countReads.push(
      await get('/officer/dossiers').then(
        ({ ms }) => ms,
        (error: unknown) => String(error).slice(0, 160),
      ),
    );
  }
  const page = await browserTimes(officer.username, officer.password);
  return {
    loadSeconds,
    countedSeconds,
    firstCallMs: warm.ms,
    countReads,
    page,
    counts: warm.body.counts,
    results: cases.map(([name]) => ({
      name,
      medianMs: median(samples.get(name) ?? []),
      minMs: Math.min(...(samples.get(name) ?? [])),
      maxMs: Math.max(...(samples.get(name) ?? [])),
      lines: lines.get(name),
    })),
  };
}

/** The workspace in Chromium: the queue drawn after opening the page, and after choosing a tab. */
async function browserTimes(username: string, password: string) {
  const browser = await launchBrowser();
  type Timed = Window & { queueDrawnAt?: number };
  try {
    const page = await browser.newPage();
    // In every document of the page: the moment the queue's table (or its empty state) enters it,
    // on the page's own clock (0 is the navigation's start).
    await page.addInitScript(() => {
      const timed = window as Timed;
      new MutationObserver(() => {
        if (timed.queueDrawnAt === undefined && document.querySelector('#queue-table, #queue-empty'))
          timed.queueDrawnAt = performance.now();
      }).observe(document, { childList: true, subtree: true });
    });
    const drawn = () =>
      page.waitForFunction(() => (window as Timed).queueDrawnAt !== undefined, undefined, {
        polling: 'raf',
        timeout: 60_000,
      });
    const workspace = `${base}workspace`;
    await page.goto(workspace);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(password);
    await page.keyboard.press('Enter');
    await page.locator('#queue-table').waitFor({ timeout: 60_000 });
    const opened: number[] = [];
    const tabs: number[] = [];
    const openedFromDriver: number[] = [];
    const tabsFromDriver: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      await page.goto(`${workspace}#/`);
      const begin = performance.now();
      await page.reload();
      await drawn();
      openedFromDriver.push(performance.now() - begin);
      opened.push(await page.evaluate(() => (window as Timed).queueDrawnAt ?? Number.NaN));
      const tab = run % 2 === 0 ? 'soon' : 'all';
      const switched = performance.now();
      const switchedAt = await page.evaluate((name) => {
        document.getElementById('queue-results')?.replaceChildren();
        (window as Timed).queueDrawnAt = undefined;
        const at = performance.now();
        location.hash = name === 'all' ? '#/?status=in_progress' : `#/?tab=${name}`;
        return at;
      }, tab);
      await drawn();
      tabsFromDriver.push(performance.now() - switched);
      tabs.push((await page.evaluate(() => (window as Timed).queueDrawnAt ?? Number.NaN)) - switchedAt);
    }
    return {
      openedMedianMs: median(opened),
      openedMaxMs: Math.max(...opened),
      tabMedianMs: median(tabs),
      tabMaxMs: Math.max(...tabs),
      fromDriver: { openedMedianMs: median(openedFromDriver), tabMedianMs: median(tabsFromDriver) },
    };
  } finally {
    await browser.close();
  }
}

const soonUntil = toVietnamIso(addWorkingDays(now, 2, calendar));
console.log(`Loading ${total} open dossiers of ${unit} into ${table} (due soon until ${soonUntil})…`);
const mappings = await enabledMappings(lambda, (functionArn) => !functionArn.includes('ChangeCounter'));
const outcome = await withMappingsPaused(lambda, mappings, measure);
console.log(`loaded in ${outcome.loadSeconds.toFixed(1)} s; counts ${JSON.stringify(outcome.counts)}`);
console.log(`counted by the change counter ${outcome.countedSeconds.toFixed(1)} s after the load`);
console.log(`first call: ${outcome.firstCallMs.toFixed(0)} ms`);
console.log(
  `the call that reads the counts (31 s after the last call, 3 times): ${outcome.countReads
    .map((read) => (typeof read === 'number' ? `${read.toFixed(0)} ms` : read))
    .join('; ')}`,
);
console.log('| Call | Lines | Median (ms) | Min (ms) | Max (ms) |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const r of outcome.results)
  console.log(
    `| ${r.name} | ${r.lines} | ${r.medianMs.toFixed(0)} | ${r.minMs.toFixed(0)} | ${r.maxMs.toFixed(0)} |`,
  );
console.log(
  `workspace page (Chromium, timed in the page): opened to queue drawn, median ${outcome.page.openedMedianMs.toFixed(0)} ms (max ${outcome.page.openedMaxMs.toFixed(0)}); ` +
    `tab chosen to table drawn, median ${outcome.page.tabMedianMs.toFixed(0)} ms (max ${outcome.page.tabMaxMs.toFixed(0)}); ` +
    `seen from the test driver: ${outcome.page.fromDriver.openedMedianMs.toFixed(0)} and ${outcome.page.fromDriver.tabMedianMs.toFixed(0)} ms`,
);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  `bench/results/queue-${now.toISOString().replace(/[:.]/g, '-')}.json`,
  JSON.stringify({ at: now.toISOString(), dossiers: total, runs, unit, ...outcome }, null, 2),
);
