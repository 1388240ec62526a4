import { describe, expect, it } from 'vitest';
import { type RegisterPorts, unitRegister } from '../../../../shared/app/forms/unit-register.ts';
import { csvLine } from '../../../../shared/domain/common/csv.ts';
import { DomainError } from '../../../../shared/domain/common/errors.ts';
import {
  REGISTER_COLUMNS,
  type RegisterDocument,
  RegisterQuerySchema,
} from '../../../../shared/domain/documents/register.ts';
import type { DossierRecord } from '../../../../shared/domain/lifecycle/dossier.ts';
import { individualApplicant, storedDossier } from '../dossier-fixture.ts';

const commune = storedDossier().agency;
const district = {
  code: '000.00.22.H56',
  name: 'Ủy ban nhân dân huyện Quảng Xương',
  tier: 'district' as const,
};
const neighbour = { code: '000.18.22.H56', name: 'Ủy ban nhân dân xã Quảng Hải', tier: 'commune' as const };
const formerCode = '000.09.22.H56';

const dossiers: DossierRecord[] = [
  storedDossier({
    dossierCode: '000.17.22.H56-261103-0002',
    receivedAt: '2026-11-03T14:00:00+07:00',
    dueAt: '2026-11-06T14:00:00+07:00',
    status: 'result_returned',
    applicant: { ...individualApplicant, fullName: 'Trần Văn An', address: 'Thôn 3, xã Quảng Bình' },
    controlSlip: [
      {
        from: commune,
        to: district,
        handedOverBy: 'can-bo-1',
        at: '2026-11-04T08:00:00+07:00',
        dueAt: '2026-11-06T14:00:00+07:00',
        result: 'early',
      },
    ],
    settledAt: '2026-11-07T10:00:00+07:00',
    result: { completedBy: 'can-bo-2', timeliness: 'late' },
    history: [
      { status: 'submitted', at: '2026-11-03T14:00:00+07:00', by: 'online' },
      { status: 'result_returned', at: '2026-11-09T09:30:00+07:00', by: 'can-bo-1' },
    ],
  }),
  storedDossier({
    dossierCode: '000.17.22.H56-261101-0001',
    receivedAt: '2026-11-01T08:00:00+07:00',
    status: 'in_progress',
    extendedDueAt: '2026-11-10T16:00:00+07:00',
  }),
  // Received under the unit's former code: still the unit's.
  storedDossier({
    dossierCode: `${formerCode}-261130-0001`,
    agency: { ...commune, code: formerCode },
    receivedAt: '2026-11-30T23:59:00+07:00',
    status: 'not_accepted',
    outcome: { form: '03', reason: 'Không thuộc thẩm quyền' },
  }),
  // Another unit's dossier in the same period, and the unit's own dossiers outside it.
  storedDossier({
    dossierCode: '000.18.22.H56-261105-0001',
    agency: neighbour,
    receivedAt: '2026-11-05T09:00:00+07:00',
  }),
  storedDossier({ dossierCode: '000.17.22.H56-261031-0001', receivedAt: '2026-10-31T23:59:59+07:00' }),
  storedDossier({ dossierCode: '000.17.22.H56-261201-0001', receivedAt: '2026-12-01T00:00:00+07:00' }),
];

function memoryPorts() {
  const windows: [string, string][] = [];
  const read: string[][] = [];
  const rendered: RegisterDocument[] = [];
  const ports: RegisterPorts = {
    dossiers: {
      // As the index does: keys in [from, to) by time received, a page at a time.
      async *receivedBetween(from, to) {
        windows.push([from, to]);
        for (const dossier of dossiers)
          if (dossier.receivedAt && dossier.receivedAt >= from && dossier.receivedAt < to)
            yield { dossierCode: dossier.dossierCode, agency: dossier.agency };
      },
      getMany: async (codes) => {
        read.push([...codes]);
        return dossiers.filter((dossier) => codes.includes(dossier.dossierCode));
      },
    },
    render: async (register) => {
      rendered.push(register);
      return new TextEncoder().encode('%PDF-');
    },
    now: () => new Date('2026-12-01T09:00:00+07:00'),
  };
  return { ports, windows, read, rendered };
}

const unit = { code: commune.code, name: commune.name, aliases: [formerCode] };
const november = (format: 'csv' | 'pdf') =>
  RegisterQuerySchema.parse({ from: '2026-11-01', to: '2026-11-30', format });

describe('the unit register (Sổ theo dõi hồ sơ)', () => {
  it('lists the dossiers the unit received in the period, under any of its codes, by time received', async () => {
    const { ports, windows, read, rendered } = memoryPorts();
    const register = await unitRegister(ports, unit, november('pdf'));
    expect(register).toMatchObject({
      format: 'pdf',
      fileName: `so-theo-doi-${commune.code}-2026-11-01-2026-11-30.pdf`,
    });
    expect(windows).toEqual([['2026-11-01T00:00:00+07:00', '2026-12-01T00:00:00+07:00']]);
    expect(read.flat().sort()).toEqual(
      ['000.17.22.H56-261101-0001', '000.17.22.H56-261103-0002', `${formerCode}-261130-0001`].sort(),
    );
    const [document] = rendered;
    expect(document).toMatchObject({
      title: 'Sổ theo dõi hồ sơ',
      unit: { code: commune.code, name: commune.name },
      period: 'Từ ngày 01/11/2026 đến ngày 30/11/2026',
      columns: REGISTER_COLUMNS,
    });
    expect(document?.rows.map((row) => row.slice(0, 2))).toEqual([
      ['1', '000.17.22.H56-261101-0001'],
      ['2', '000.17.22.H56-261103-0002'],
      ['3', `${formerCode}-261130-0001`],
    ]);
    expect(document?.rows[1]).toEqual([
      '2',
      '000.17.22.H56-261103-0002',
      'Trần Văn An',
      'Thôn 3, xã Quảng Bình',
      'Đăng ký khai sinh',
      '03/11/2026 14:00',
      '06/11/2026 14:00',
      'Ủy ban nhân dân huyện Quảng Xương',
      '07/11/2026 10:00',
      'Quá hạn',
      '09/11/2026 09:30',
      'Đã trả kết quả',
    ]);
    expect(document?.rows[0]?.[11]).toBe('Đang xử lý. Hẹn lại: 10/11/2026 16:00');
    expect(document?.rows[2]?.[11]).toBe('Không được tiếp nhận. Lý do: Không thuộc thẩm quyền');
  });

  it('writes the same lines as CSV, with a header and no stored codes', async () => {
    const { ports, rendered } = memoryPorts();
    const register = await unitRegister(ports, unit, november('csv'));
    if (register.format !== 'csv') throw new Error('expected CSV');
    const lines = register.csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(csvLine(REGISTER_COLUMNS));
    expect(lines[0]).toContain('"Tên tổ chức, cá nhân",Địa chỉ');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain('Trần Văn An,"Thôn 3, xã Quảng Bình",Đăng ký khai sinh');
    expect(register.csv).not.toMatch(/result_returned|in_progress|not_accepted|\blate\b/);
    expect(rendered).toEqual([]);
  });

  it('reads nothing for a period with no dossiers of the unit', async () => {
    const { ports, read, rendered } = memoryPorts();
    await unitRegister(ports, unit, RegisterQuerySchema.parse({ from: '2027-01-01', to: '2027-01-31' }));
    expect(read).toEqual([]);
    expect(rendered[0]?.rows).toEqual([]);
  });

  it('covers this month up to today when no period is given, and the month of `to` when only it is', async () => {
    const { ports, windows } = memoryPorts();
    // now() is 1 December 2026, 09:00 in Vietnam.
    await expect(unitRegister(ports, unit, RegisterQuerySchema.parse({}))).resolves.toMatchObject({
      fileName: `so-theo-doi-${commune.code}-2026-12-01-2026-12-01.pdf`,
    });
    await unitRegister(ports, unit, RegisterQuerySchema.parse({ to: '2026-11-20' }));
    expect(windows).toEqual([
      ['2026-12-01T00:00:00+07:00', '2026-12-02T00:00:00+07:00'],
      ['2026-11-01T00:00:00+07:00', '2026-11-21T00:00:00+07:00'],
    ]);
  });

  it('refuses a period longer than 31 days or ending before it starts, before reading anything', async () => {
    const { ports, windows } = memoryPorts();
    for (const [from, to] of [
      ['2026-11-01', '2026-12-02'],
      ['2026-11-10', '2026-11-09'],
    ] as const) {
      await expect(unitRegister(ports, unit, RegisterQuerySchema.parse({ from, to }))).rejects.toThrow(
        DomainError,
      );
    }
    await expect(
      unitRegister(ports, unit, RegisterQuerySchema.parse({ from: '2026-12-01', to: '2026-12-31' })),
    ).resolves.toMatchObject({ format: 'pdf' });
    expect(windows).toEqual([['2026-12-01T00:00:00+07:00', '2027-01-01T00:00:00+07:00']]);
    expect(RegisterQuerySchema.safeParse({ from: '2026-02-30', to: '2026-03-01' }).success).toBe(false);
  });
});
