import { beforeAll, describe, expect, it } from 'vitest';
import { deadlineWatch } from '../../shared/domain/lifecycle/deadline-alerts.ts';
import { readDossier } from '../support/deployment.ts';
import { receivedDossierWithout, runUpgradeScript } from '../support/upgrade.ts';

const indexOpenDossiers = () => runUpgradeScript('scripts/index-open-dossiers.ts');

describe('indexing the open dossiers of a deployment upgraded to the open-dossier index', () => {
  let dossierCode: string;

  beforeAll(async () => {
    // A dossier received before the upgrade: the lifecycle writes of that version set no index keys.
    dossierCode = await receivedDossierWithout([
      'deadlineShard',
      'nextDeadline',
      'apologyShard',
      'apologyWatch',
    ]);
  });

  it('gives each received, open dossier the keys its next lifecycle write would give it', async () => {
    const before = await readDossier(dossierCode);
    if (!before) throw new Error(`${dossierCode} not stored`);
    expect(before).not.toHaveProperty('nextDeadline');
    expect(before).not.toHaveProperty('apologyWatch');
    const { stdout } = await indexOpenDossiers();
    expect(stdout).toMatch(/[1-9]\d* open dossiers indexed/);
    const after = await readDossier(dossierCode);
    expect(after).toMatchObject(deadlineWatch(before));
    expect(after?.version).toBe(before.version);

    const again = await indexOpenDossiers();
    expect(again.stdout).toMatch(/(^|\n)0 open dossiers indexed/);
  });
});
