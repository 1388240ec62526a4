import { beforeAll, describe, expect, it } from 'vitest';
import { kpiFactsOf } from '../../shared/domain/kpi/kpi.ts';
import { readDossier } from '../support/deployment.ts';
import { receivedDossierWithout, runUpgradeScript } from '../support/upgrade.ts';

const addKpiFacts = () => runUpgradeScript('scripts/add-kpi-facts.ts');

describe('adding the KPI facts to dossiers stored before the recount indexes projected them', () => {
  let dossierCode: string;

  beforeAll(async () => {
    // A dossier written by the version before: its writes set no `kpiFacts`.
    dossierCode = await receivedDossierWithout(['kpiFacts']);
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
