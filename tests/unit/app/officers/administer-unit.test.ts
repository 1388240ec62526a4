import { describe, expect, it } from 'vitest';
import {
  type AdministrationPorts,
  administerOfficer,
  inviteOfficer,
  listOfficersOfUnit,
  officerView,
  requireOfficerOfUnit,
} from '../../../../shared/app/officers/administer-officers.ts';
import { memoryOfficerAccounts } from '../fixtures.ts';
import { commune, district, memoryClock } from '../memory.ts';

/** Accounts and records in memory, with the unit index the directory offers. */
function unitAdministration() {
  const clock = memoryClock();
  const { accounts, records, ports: directoryPorts } = memoryOfficerAccounts(() => clock.now().getTime());
  const actions: string[] = [];
  const ports: AdministrationPorts = {
    ...directoryPorts,
    agency: async (code) => [commune, district].find((agency) => agency.code === code),
    audit: async (_chain, fields) => actions.push(fields.action),
    now: clock.now,
  };
  const directory = {
    ofAgency: async (code: string) => [...records.values()].filter((record) => record.agencyCode === code),
  };
  const invite = (username: string, agencyCode: string) =>
    inviteOfficer(ports, {
      username,
      email: `${username}@thanhhoa.gov.vn`,
      agencyCode,
      roles: ['tiep_nhan'],
      sendInvitation: true,
      by: 'officer:quan-tri-xa',
    });
  return { ports, directory, accounts, records, actions, invite };
}

describe("a unit's administrator", () => {
  it("lists the unit's officers without their account ids or who changed them last", async () => {
    const { directory, invite } = unitAdministration();
    const hoa = await invite('can-bo-hoa', commune.code);
    await invite('can-bo-huyen', district.code);
    const { items } = await listOfficersOfUnit(directory, commune.code);
    expect(items).toEqual([officerView(hoa)]);
    expect(items[0]).not.toHaveProperty('officerId');
    expect(items[0]).not.toHaveProperty('updatedBy');
  });

  it('acts only on officers of the unit, and never on their own account', async () => {
    const { ports, invite } = unitAdministration();
    const admin = await invite('quan-tri-xa', commune.code);
    await invite('can-bo-huyen', district.code);
    const administrator = { id: admin.officerId, agencyCode: commune.code };
    await expect(requireOfficerOfUnit(ports, administrator, 'can-bo-huyen')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(requireOfficerOfUnit(ports, administrator, 'khong-co')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(requireOfficerOfUnit(ports, administrator, 'quan-tri-xa')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('re-roles, deactivates and reactivates, one audited change per action', async () => {
    const { ports, invite, accounts, actions } = unitAdministration();
    await invite('can-bo-hoa', commune.code);
    const by = 'officer:quan-tri-xa';
    const reroled = await administerOfficer(
      ports,
      'can-bo-hoa',
      { type: 'set_roles', roles: ['chuyen_vien'] },
      by,
    );
    expect(reroled.roles).toEqual(['chuyen_vien']);
    expect((await administerOfficer(ports, 'can-bo-hoa', { type: 'deactivate' }, by)).active).toBe(false);
    expect(accounts.get('can-bo-hoa')?.enabled).toBe(false);
    expect((await administerOfficer(ports, 'can-bo-hoa', { type: 'reactivate' }, by)).active).toBe(true);
    expect(actions).toEqual([
      'officer_invited',
      'officer_roles_changed',
      'officer_deactivated',
      'officer_reactivated',
    ]);
  });
});
