import { beforeAll, describe, expect, it } from 'vitest';
import { deactivateOfficer } from '../../shared/app/officers/administer-officers.ts';
import { api, completeDossierRequest, postJson } from '../support/deployment.ts';
import {
  officerAdministration,
  officerGet,
  registerOfficer,
  signInForeignOfficer,
  signInUnregisteredAccount,
} from '../support/officers.ts';

const UNIT = '000.17.22.H56';
const OTHER_UNIT = '000.00.22.H56';

interface Colleagues {
  unitCode: string;
  colleagues: { username: string; displayName: string; roles: { role: string; vi: string; en: string }[] }[];
}

describe('GET /officer/colleagues', () => {
  const officers: Record<string, { username: string; idToken: string }> = {};

  beforeAll(async () => {
    const staff = {
      leader: [UNIT, ['lanh_dao']],
      specialist: [UNIT, ['chuyen_vien']],
      leaving: [UNIT, ['chuyen_vien']],
      elsewhere: [OTHER_UNIT, ['chuyen_vien', 'lanh_dao']],
    } as const;
    for (const [who, [unit, roles]] of Object.entries(staff))
      officers[who] = await registerOfficer(unit, roles);
    await deactivateOfficer(officerAdministration(), officers.leaving?.username ?? '', 'operator:tests');
  });

  it('lists the active officers of the caller’s unit with their roles, and no e-mail', async () => {
    const answer = await officerGet<Colleagues>(officers.specialist?.idToken ?? '', '/officer/colleagues');
    expect(answer.status).toBe(200);
    expect(answer.body.unitCode).toBe(UNIT);
    const byName = new Map(answer.body.colleagues.map((colleague) => [colleague.username, colleague]));
    expect(byName.get(officers.leader?.username ?? '')?.roles).toEqual([
      { role: 'lanh_dao', vi: 'Lãnh đạo ký duyệt', en: 'Signing leader' },
    ]);
    expect(byName.get(officers.specialist?.username ?? '')?.roles.map(({ role }) => role)).toEqual([
      'chuyen_vien',
    ]);
    // Deactivated by an administrator, or of another unit: not offered.
    expect(byName.has(officers.leaving?.username ?? '')).toBe(false);
    expect(byName.has(officers.elsewhere?.username ?? '')).toBe(false);
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain('@');
    expect(text).not.toMatch(/email|phone/i);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('answers another unit’s officer with their own unit only: this unit’s officers stay hidden', async () => {
    const answer = await officerGet<Colleagues>(officers.elsewhere?.idToken ?? '', '/officer/colleagues');
    expect(answer.status).toBe(200);
    expect(answer.body.unitCode).toBe(OTHER_UNIT);
    const names = answer.body.colleagues.map(({ username }) => username);
    expect(names).toContain(officers.elsewhere?.username);
    for (const who of ['leader', 'specialist']) expect(names).not.toContain(officers[who]?.username);
    // Asking for the unit in the query changes nothing: the unit is the caller's record's.
    const asked = await officerGet<Colleagues>(
      officers.elsewhere?.idToken ?? '',
      `/officer/colleagues?unit=${encodeURIComponent(UNIT)}`,
    );
    expect(asked.body.unitCode).toBe(OTHER_UNIT);
  });

  it('refuses a citizen, an account no administrator registered, a deactivated officer and a foreign pool', async () => {
    const citizen = await postJson<{ lookupSecret: string }>('/dossiers', await completeDossierRequest());
    const anonymous = await api('/officer/colleagues', {
      headers: { 'x-lookup-secret': citizen.body.lookupSecret },
    });
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.body)).not.toContain(officers.leader?.username);
    const unregistered = await officerGet(await signInUnregisteredAccount(UNIT), '/officer/colleagues');
    expect(unregistered.status).toBe(403);
    // The deactivated officer's token is still valid for a while; the record ends its authority.
    expect((await officerGet(officers.leaving?.idToken ?? '', '/officer/colleagues')).status).toBe(403);
    expect((await officerGet(await signInForeignOfficer(UNIT), '/officer/colleagues')).status).toBe(401);
  });
});
