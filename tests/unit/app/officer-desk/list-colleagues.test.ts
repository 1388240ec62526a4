import { describe, expect, it } from 'vitest';
import { ColleaguesSchema } from '../../../../functions/officer/colleagues.spec.ts';
import { listColleagues } from '../../../../shared/app/officer-desk/list-colleagues.ts';
import { type OfficerRecord, OfficerRecordSchema } from '../../../../shared/domain/officers/officers.ts';

const UNIT = '000.17.22.H56';
const OTHER_UNIT = '000.00.22.H56';
const NOW = new Date('2026-12-02T09:00:00+07:00');

const officer = (username: string, fields: Partial<OfficerRecord> = {}): OfficerRecord =>
  OfficerRecordSchema.parse({
    officerId: `sub-${username}`,
    username,
    agencyCode: UNIT,
    roles: ['chuyen_vien'],
    active: true,
    validFrom: '2026-01-01T00:00:00+07:00',
    email: `${username}@quangphu.gov.vn`,
    updatedAt: '2026-01-01T00:00:00+07:00',
    updatedBy: 'admin',
    ...fields,
  });

/** The Officers table's unit index, in memory: every record of the unit asked for, and which units were asked. */
function memoryDirectory(records: readonly OfficerRecord[]) {
  const asked: string[] = [];
  return {
    asked,
    ports: {
      officersOf: async (unitCode: string) => {
        asked.push(unitCode);
        return records.filter((record) => record.agencyCode === unitCode);
      },
      now: () => NOW,
    },
  };
}

const leader = { id: 'sub-ld', username: 'ld.tran', agencyCode: UNIT, roles: ['lanh_dao'] as const };

describe('the colleagues of an officer’s unit', () => {
  const records = [
    officer('cv.nguyen', { fullName: 'Nguyễn Văn Chuyên', roles: ['chuyen_vien', 'chuyen_vien'] }),
    officer('ld.tran', { fullName: 'Trần Lãnh Đạo', roles: ['lanh_dao', 'quan_tri'] }),
    officer('an.le', { roles: ['tiep_nhan'] }),
    officer('nghi.viec', { active: false }),
    officer('chua.den', { validFrom: '2027-01-01T00:00:00+07:00' }),
    officer('het.han', { validTo: '2026-11-30T00:00:00+07:00' }),
    officer('cv.huyen', { agencyCode: OTHER_UNIT }),
  ];

  it('lists the active officers of the caller’s unit by username, with names and roles in both languages', async () => {
    const { ports, asked } = memoryDirectory(records);
    const answer = await listColleagues(ports, { ...leader, roles: [...leader.roles] });
    expect(asked).toEqual([UNIT]);
    expect(answer.unitCode).toBe(UNIT);
    expect(answer.colleagues.map(({ username }) => username)).toEqual(['an.le', 'cv.nguyen', 'ld.tran']);
    expect(answer.colleagues.map(({ displayName }) => displayName)).toEqual([
      'an.le',
      'Nguyễn Văn Chuyên',
      'Trần Lãnh Đạo',
    ]);
    expect(answer.colleagues[1]?.roles).toEqual([
      { role: 'chuyen_vien', vi: 'Chuyên viên xử lý', en: 'Specialist' },
    ]);
    expect(answer.colleagues[2]?.roles.map(({ role }) => role)).toEqual(['lanh_dao', 'quan_tri']);
    expect(ColleaguesSchema.parse(answer)).toEqual(answer);
  });

  it('tells nothing an administrator keeps about them: no e-mail, no account id, no validity', async () => {
    const { ports } = memoryDirectory(records);
    const answer = await listColleagues(ports, { ...leader, roles: [...leader.roles] });
    for (const colleague of answer.colleagues)
      expect(Object.keys(colleague).sort()).toEqual(['displayName', 'roles', 'username']);
    const text = JSON.stringify(answer);
    expect(text).not.toContain('@');
    expect(text).not.toContain('sub-');
  });

  it('answers only the unit of the caller’s record: another unit’s officers are never listed', async () => {
    const { ports, asked } = memoryDirectory(records);
    const elsewhere = await listColleagues(ports, {
      id: 'sub-cv.huyen',
      username: 'cv.huyen',
      agencyCode: OTHER_UNIT,
      roles: ['chuyen_vien'],
    });
    expect(asked).toEqual([OTHER_UNIT]);
    expect(elsewhere.colleagues.map(({ username }) => username)).toEqual(['cv.huyen']);
    // A directory answering more than the unit asked for does not widen the list.
    const leaky = await listColleagues(
      { officersOf: async () => records, now: () => NOW },
      { ...leader, roles: [...leader.roles] },
    );
    expect(leaky.colleagues.map(({ username }) => username)).not.toContain('cv.huyen');
  });
});
