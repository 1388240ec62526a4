import { beforeAll, describe, expect, it } from 'vitest';
import { output } from '../../scripts/lib/outputs.ts';
import { changeRegistry } from '../../scripts/lib/registry.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { tiersOf } from '../../shared/domain/agencies/tiers.ts';
import { api, completeDossierRequest, dataOutput, outputs, postJson } from '../support/deployment.ts';
import { officerAct, officerGet, signInOfficer, wholeQueue } from '../support/officers.ts';

/** Hoằng Đạo commune is merged into a new commune, as in the 2025 reorganisation. */
const OLD_CODE = '000.21.23.H56';
const NEW_CODE = '000.25.23.H56';
const PROCEDURE = '1.001022.000.00.00.H56';

describe('a commune merged into a new unit', () => {
  let dossierCode: string;
  let lookupSecret: string;

  beforeAll(async () => {
    const submitted = await postJson<{ dossierCode: string; lookupSecret: string }>(
      '/dossiers',
      await completeDossierRequest({ procedureCode: PROCEDURE }),
    );
    expect(submitted.status).toBe(201);
    ({ dossierCode, lookupSecret } = submitted.body);
    const store = new ReferenceStore(dataOutput('ReferenceTableName'));
    await changeRegistry(store, tiersOf(output(outputs, 'Routing', 'TierProfile')), {
      kind: 'rename',
      from: OLD_CODE,
      to: NEW_CODE,
      name: 'Ủy ban nhân dân xã Hoằng Đạo (mới)',
    });
  });

  it('keeps the dossier under the code it was received with, and findable by the citizen', async () => {
    expect(dossierCode.startsWith(`${OLD_CODE}-`)).toBe(true);
    const view = await api(`/dossiers/${encodeURIComponent(dossierCode)}`, {
      headers: { 'x-lookup-secret': lookupSecret },
    });
    expect(view.status).toBe(200);
  });

  it('puts the dossiers held under the old code in the new unit’s queue, to act on', async () => {
    const officer = await signInOfficer(NEW_CODE);
    const queue = await wholeQueue(officer);
    expect(queue.agencyCode).toBe(NEW_CODE);
    expect(queue.dossiers.map((d) => d.dossierCode)).toContain(dossierCode);
    expect((await officerAct<{ status: string }>(officer, dossierCode, { type: 'accept' })).body.status).toBe(
      'accepted',
    );
  });

  it('still accepts an officer account that carries the old code', async () => {
    const officer = await signInOfficer(OLD_CODE);
    const queue = await officerGet<{ agencyCode: string }>(officer, '/officer/dossiers');
    expect(queue.body.agencyCode).toBe(NEW_CODE);
  });

  it('receives new dossiers under the new code', async () => {
    const fresh = await postJson<{ dossierCode: string }>(
      '/dossiers',
      await completeDossierRequest({ procedureCode: PROCEDURE }),
    );
    expect(fresh.body.dossierCode.startsWith(`${NEW_CODE}-`)).toBe(true);
  });
});
