import { randomInt } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { toVietnamIso } from '../../shared/domain/calendar/time.ts';
import { queueAttributes, queuePartitions } from '../../shared/domain/officers/work-queue.ts';
import { completeDossierRequest, dataOutput, dynamo, postJson, readDossier } from '../support/deployment.ts';
import {
  officerGet,
  type QueuePage,
  receiveDossier,
  signInOfficer,
  wholeQueue,
} from '../support/officers.ts';
import { runUpgradeScript } from '../support/upgrade.ts';

/** The unit the dossier goes to, and a unit next to it that must never see it. */
const HOLDER = '000.17.22.H56';
const OTHER = '000.18.22.H56';

type Line = { dossierCode: string; applicantName?: string; urgency?: string };
type Page = QueuePage<Line>;

const search = (token: string, body: Record<string, unknown>) =>
  postJson<Page & { error?: { code: string; message: { vi: string; en: string } } }>(
    '/officer/dossiers/search',
    body,
    { authorization: `Bearer ${token}` },
  );

const TABS = ['reception', 'soon', 'late', 'mine'] as const;
type Tally = { counted: Page['counts']; listed: Record<(typeof TABS)[number], number> };

/** The counts the queue gives an officer of the holder, beside how many lines each tab lists. */
async function tally(token: string): Promise<Tally> {
  const [page, ...lists] = await Promise.all([
    officerGet<Page>(token, '/officer/dossiers?limit=1'),
    ...TABS.map((tab) => wholeQueue<Line>(token, `tab=${tab}`)),
  ]);
  const linesOf = (index: number) => lists[index]?.dossiers.length ?? -1;
  return {
    counted: page.body.counts,
    listed: {
      reception: linesOf(0),
      soon: linesOf(1),
      late: linesOf(2),
      mine: linesOf(3),
    },
  };
}

const countsAgree = ({ counted, listed }: Tally) => TABS.every((tab) => counted[tab] === listed[tab]);

describe("the officers' work queue, as deployed", () => {
  const idNumber = `0381990${String(randomInt(0, 100_000)).padStart(5, '0')}`;
  const fullName = `Đặng Thị ${['Ánh', 'Bích', 'Cúc', 'Diệp', 'Hằng', 'Khuê'][randomInt(0, 6)]} Ngọc Trâm`;
  let holder = '';
  let other = '';
  let dossierCode = '';

  beforeAll(async () => {
    const applicant = {
      fullName,
      idNumber,
      address: 'Thôn 4, xã Quảng Bình',
      phone: '0912345678',
    };
    // One submitted before it, so that the holder's queue has a page (and a cursor) before it.
    const before = await postJson('/dossiers', await completeDossierRequest());
    expect(before.status).toBe(201);
    const answer = await postJson<{ dossierCode: string }>(
      '/dossiers',
      await completeDossierRequest({ applicant }),
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    dossierCode = answer.body.dossierCode;
    [holder, other] = await Promise.all([signInOfficer(HOLDER), signInOfficer(OTHER)]);
  });

  it('lists it awaiting reception, page by page', async () => {
    const first = await officerGet<Page>(holder, '/officer/dossiers?tab=reception&limit=1');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ agencyCode: HOLDER, tab: 'reception' });
    expect(first.body.dossiers).toHaveLength(1);
    const queue = await wholeQueue<Line>(holder, 'tab=reception');
    expect(queue.dossiers.find((line) => line.dossierCode === dossierCode)).toMatchObject({
      applicantName: fullName,
    });
    expect(new Set(queue.dossiers.map((line) => line.dossierCode)).size).toBe(queue.dossiers.length);
  });

  it('counts per tab exactly what each tab lists, once the changes are counted', async () => {
    // The counters follow the Dossiers stream: they agree with the lists once it has been read.
    await expect.poll(() => tally(holder), { timeout: 120_000, interval: 5000 }).toSatisfy(countsAgree);
    const { counted } = await tally(holder);
    expect(counted.reception).toBeGreaterThanOrEqual(2);
    expect(counted.all).toBeGreaterThanOrEqual(counted.reception + counted.soon + counted.late);
  }, 150_000);

  it('finds it by its code, by the name without diacritics and by the ID number', async () => {
    const folded = fullName.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
    for (const text of [dossierCode, folded, idNumber]) {
      const found = await search(holder, { text, limit: 200 });
      expect(found.status, text).toBe(200);
      expect(
        found.body.dossiers.map((line) => line.dossierCode),
        text,
      ).toContain(dossierCode);
    }
    const partial = await search(holder, { text: idNumber.slice(0, 11) });
    expect(partial.body.dossiers.map((line) => line.dossierCode)).not.toContain(dossierCode);
  });

  it('another unit finds none of it, by search or by the holder’s cursors', async () => {
    for (const text of [dossierCode, fullName, idNumber]) {
      const found = await search(other, { text, limit: 200 });
      expect(found.status).toBe(200);
      expect(JSON.stringify(found.body)).not.toContain(dossierCode);
      expect(JSON.stringify(found.body)).not.toContain(idNumber);
    }
    // The holder's first reception page ends before the dossier (one was submitted before it): its
    // cursor is a position in the holder's partition, just ahead of the dossier, handed to the other unit.
    const first = await officerGet<Page>(holder, '/officer/dossiers?tab=reception&limit=1');
    expect(first.body.dossiers[0]?.dossierCode).not.toBe(dossierCode);
    const cursor = first.body.nextCursor;
    expect(cursor).toBeDefined();
    const stolen = await officerGet<Page>(
      other,
      `/officer/dossiers?tab=reception&limit=200&cursor=${cursor}`,
    );
    expect(stolen.status).toBe(200);
    expect(stolen.body.agencyCode).toBe(OTHER);
    expect(JSON.stringify(stolen.body)).not.toContain(dossierCode);
    for (const line of stolen.body.dossiers.slice(0, 5)) {
      const read = await officerGet(other, `/officer/dossiers/${encodeURIComponent(line.dossierCode)}`);
      expect(read.status, line.dossierCode).toBe(200);
    }
  });

  it('refuses a forged cursor with a bilingual 400', async () => {
    const refused = await officerGet<{ error: { code: string; message: { vi: string; en: string } } }>(
      holder,
      '/officer/dossiers?cursor=not-a-cursor',
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(refused.body.error.message.vi).toMatch(/con trỏ/i);
    const bySearch = await search(holder, { text: 'nguyen', cursor: 'q1.eHh4' });
    expect(bySearch.status).toBe(400);
  });
});

describe('the soon and late counts, as deployed', () => {
  let desk = '';
  const due: Record<'soon' | 'late', string> = { soon: '', late: '' };

  /**
   * Time passes: the appointment of a received dossier is moved to `at`, as a new version of the
   * dossier with its queue key, as the store writes every change (the queue counter counts versions).
   */
  async function appointedAt(dossierCode: string, at: Date) {
    const stored = await readDossier(dossierCode);
    if (!stored) throw new Error(`${dossierCode} is not stored`);
    const dueAt = toVietnamIso(at);
    await dynamo.send(
      new UpdateCommand({
        TableName: dataOutput('DossiersTableName'),
        Key: { dossierCode },
        UpdateExpression: 'SET dueAt = :dueAt, queueKey = :queueKey, version = :next',
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: {
          ':dueAt': dueAt,
          ':queueKey': queueAttributes({ ...stored, dueAt }).queueKey,
          ':version': stored.version,
          ':next': stored.version + 1,
        },
      }),
    );
  }

  beforeAll(async () => {
    desk = await signInOfficer(HOLDER, ['tiep_nhan', 'chuyen_vien']);
    for (const tab of ['soon', 'late'] as const) {
      const answer = await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest());
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      due[tab] = answer.body.dossierCode;
      await receiveDossier(desk, due[tab]);
    }
    // Due in half an hour (within "due soon", two working days), and a minute ago.
    await appointedAt(due.soon, new Date(Date.now() + 30 * 60_000));
    await appointedAt(due.late, new Date(Date.now() - 60_000));
  }, 60_000);

  it('counts a dossier due within the soon window under soon and an overdue one under late', async () => {
    const tally = async () => {
      const [page, soon, late] = await Promise.all([
        officerGet<Page>(desk, '/officer/dossiers?limit=1'),
        wholeQueue<Line>(desk, 'tab=soon'),
        wholeQueue<Line>(desk, 'tab=late'),
      ]);
      const listed = (lines: Line[]) => lines.map((line) => line.dossierCode);
      return { counts: page.body.counts, soon: listed(soon.dossiers), late: listed(late.dossiers) };
    };
    await expect
      .poll(tally, { timeout: 90_000, interval: 3000 })
      .toSatisfy(
        ({ counts, soon, late }) =>
          counts.soon === soon.length &&
          counts.late === late.length &&
          soon.includes(due.soon) &&
          late.includes(due.late),
      );
    const { soon, late } = await tally();
    expect(soon).not.toContain(due.late);
    expect(late).not.toContain(due.soon);
  }, 120_000);
});

describe('a unit’s queue spread over its partitions, as deployed', () => {
  const codes: string[] = [];

  beforeAll(async () => {
    // Six dossiers of one unit: all in one of its 8 partitions with a chance of 8⁻⁵.
    for (let index = 0; index < 6; index += 1) {
      const answer = await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest());
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      codes.push(answer.body.dossierCode);
    }
  }, 120_000);

  it('stores each dossier in its unit’s partition for its code, not all in one', async () => {
    const partitions = await Promise.all(
      codes.map(async (code) => {
        const stored = await readDossier(code);
        return stored && 'queuePartition' in stored ? stored.queuePartition : undefined;
      }),
    );
    codes.forEach((code, index) => {
      expect(partitions[index]).toBe(
        queueAttributes({ dossierCode: code, currentAgencyCode: HOLDER, status: 'submitted' }).queuePartition,
      );
    });
    expect(new Set(partitions).size).toBeGreaterThan(1);
    for (const partition of partitions) expect(queuePartitions(HOLDER)).toContain(partition);
  });

  it('pages them in one order across the partitions, each once, five lines a page', async () => {
    const holder = await signInOfficer(HOLDER);
    const lines: { dossierCode: string; submittedAt?: string }[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ tab: 'reception', limit: '5', ...(cursor ? { cursor } : {}) });
      const page = await officerGet<QueuePage<{ dossierCode: string; submittedAt?: string }>>(
        holder,
        `/officer/dossiers?${query}`,
      );
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.body.dossiers.length).toBeLessThanOrEqual(5);
      lines.push(...page.body.dossiers);
      cursor = page.body.nextCursor;
    } while (cursor);
    // The index's own order: submitted first, then by code.
    const keys = lines.map((line) => `${line.submittedAt}#${line.dossierCode}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
    for (const code of codes) expect(lines.filter((line) => line.dossierCode === code)).toHaveLength(1);
  }, 120_000);
});

describe('an operator’s recount of the queue counts, as deployed', () => {
  it('sets counts that drifted back to what the tabs list, and deletes a day cell no dossier is due on', async () => {
    const holder = await signInOfficer(HOLDER);
    await expect.poll(() => tally(holder), { timeout: 120_000, interval: 5000 }).toSatisfy(countsAgree);
    const { counted: settled } = await tally(holder);
    // Drift as a lost or doubled stream record leaves it: the cell of one of the unit's partitions
    // off by 3, and a day cell (long past, so counted late) of another that no dossier is due on.
    const table = dataOutput('QueueCountsTableName');
    const [, drifting, stray] = queuePartitions(HOLDER);
    const strayDay = { pk: `unit#${stray}`, sk: 'due#2001-01-01' };
    await dynamo.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: `unit#${drifting}`, sk: 'tabs' },
        UpdateExpression: 'ADD #all :drift, reception :drift',
        ExpressionAttributeNames: { '#all': 'all' },
        ExpressionAttributeValues: { ':drift': 3 },
      }),
    );
    await dynamo.send(new PutCommand({ TableName: table, Item: { ...strayDay, due: 4 } }));
    const drifted = await tally(holder);
    expect(drifted.counted.reception).toBe(drifted.listed.reception + 3);
    expect(drifted.counted.late).toBe(drifted.listed.late + 4);

    const { stdout } = await runUpgradeScript('scripts/recount-queue.ts', [HOLDER]);
    expect(stdout).toContain(`${HOLDER}: all ${settled.all + 3} → ${settled.all}`);
    const repaired = await tally(holder);
    expect(countsAgree(repaired), JSON.stringify(repaired)).toBe(true);
    expect(repaired.counted.all).toBe(settled.all);
    expect((await dynamo.send(new GetCommand({ TableName: table, Key: strayDay }))).Item).toBeUndefined();
  }, 180_000);
});
