import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DossierRecord } from '../../shared/domain/lifecycle/dossier.ts';
import { dossierRequest, postJson, readDossier } from '../support/deployment.ts';
import { signInOfficer } from '../support/officers.ts';
import { receivedDossier, removeAttributes, runUpgradeScript } from '../support/upgrade.ts';

const indexQueueSearch = (...flags: string[]) => runUpgradeScript('scripts/index-queue-search.ts', flags);
const SEARCH_ATTRIBUTES = [
  'applicantName',
  'searchName',
  'idDigests',
  'idDigest',
  'secondIdDigest',
  'queuePartition',
];
const HOLDER = '000.17.22.H56';
const searchFields = (record: (DossierRecord & { queuePartition?: string }) | undefined) => ({
  applicantName: record?.applicantName,
  searchName: record?.searchName,
  idDigests: record?.idDigests,
  idDigest: record?.idDigest,
  secondIdDigest: record?.secondIdDigest,
  queuePartition: record?.queuePartition,
});

describe('giving dossiers stored before the queue partitions and search their attributes', () => {
  const idNumber = `0381980${String(randomInt(0, 100_000)).padStart(5, '0')}`;
  const fullName = `Lương Thị ${['Ánh', 'Bích', 'Cúc', 'Diệp'][randomInt(0, 4)]} Xuân Mai`;
  let dossierCode = '';
  let token = '';
  let stored: DossierRecord | undefined;

  const foundBy = async (text: string) => {
    const answer = await postJson<{ dossiers: { dossierCode: string }[] }>(
      '/officer/dossiers/search',
      { text, limit: 200 },
      { authorization: `Bearer ${token}` },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.dossiers.some((line) => line.dossierCode === dossierCode);
  };

  beforeAll(async () => {
    token = await signInOfficer(HOLDER, ['chuyen_vien']);
    dossierCode = await receivedDossier({
      applicant: { ...dossierRequest().applicant, fullName, idNumber },
    });
    stored = await readDossier(dossierCode);
    // Intake wrote them: what the script must write again.
    expect(searchFields(stored)).toMatchObject({
      applicantName: fullName,
      idDigest: expect.any(String),
      queuePartition: expect.stringMatching(new RegExp(`^${HOLDER.replaceAll('.', '\\.')}#[0-7]$`)),
    });
    // As the version before the partitions and the search stored it: none of their attributes.
    await removeAttributes(dossierCode, SEARCH_ATTRIBUTES);
  }, 120_000);

  it('is missed by the search by name and by ID number before the script runs', async () => {
    const before = await readDossier(dossierCode);
    for (const attribute of SEARCH_ATTRIBUTES) expect(before).not.toHaveProperty(attribute);
    expect(await foundBy(fullName)).toBe(false);
    expect(await foundBy(idNumber)).toBe(false);
  });

  it('a dry run counts it and writes nothing', async () => {
    const { stdout } = await indexQueueSearch('--dry-run');
    expect(stdout).toMatch(/[1-9]\d* dossiers would be given their queue partition and search attributes/);
    for (const attribute of SEARCH_ATTRIBUTES)
      expect(await readDossier(dossierCode)).not.toHaveProperty(attribute);
  });

  it('gives it what intake gave it, so the search by name and by ID number finds it again', async () => {
    const { stdout } = await indexQueueSearch();
    expect(stdout).toMatch(/[1-9]\d* dossiers given their queue partition and search attributes/);
    const after = await readDossier(dossierCode);
    expect(searchFields(after)).toEqual(searchFields(stored));
    expect(after?.version).toBe(stored?.version);
    expect(await foundBy(fullName)).toBe(true);
    expect(await foundBy(idNumber)).toBe(true);
  });

  it('changes nothing when run again', async () => {
    const again = await indexQueueSearch();
    expect(again.stdout).toMatch(
      /(^|\n)0 dossiers given their queue partition and search attributes, 0 changed meanwhile/,
    );
  });
});
