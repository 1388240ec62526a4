import { describe, expect, it } from 'vitest';
import {
  type AdministrationPorts,
  deactivateOfficer,
  inviteOfficer,
  moveOfficer,
  officerAuditChain,
  reactivateOfficer,
  setOfficerEmail,
  setOfficerRoles,
} from '../../../shared/app/officers/administer-officers.ts';
import type { AuditFields } from '../../../shared/domain/audit/audit.ts';
import { DomainError } from '../../../shared/domain/common/errors.ts';
import { authorityOf, OfficerRecordSchema } from '../../../shared/domain/officers/officers.ts';
import { memoryOfficerAccounts } from './fixtures.ts';

/** Accounts, records, registry and audit held in memory, recording what was done to them. */
function memoryPorts() {
  const audit: { chain: string; fields: AuditFields }[] = [];
  const agencies = new Map([
    ['000.17.22.H56', '000.17.22.H56'],
    ['000.18.22.H56', '000.17.22.H56'], // a former code, merged into 000.17.22.H56
    ['000.00.22.H56', '000.00.22.H56'],
  ]);
  let clock = Date.parse('2026-12-01T08:00:00+07:00');
  const { accounts, records, ports: directory } = memoryOfficerAccounts(() => clock);
  const ports: AdministrationPorts = {
    ...directory,
    agency: async (code) => {
      const current = agencies.get(code);
      return current ? { code: current } : undefined;
    },
    audit: async (chain, fields) => audit.push({ chain, fields }),
    now: () => {
      clock += 1000;
      return new Date(clock);
    },
  };
  return { ports, accounts, records, audit };
}

const invitation = {
  username: 'can-bo-hoa',
  email: 'can-bo-hoa@thanhhoa.gov.vn',
  agencyCode: '000.17.22.H56',
  roles: ['tiep_nhan', 'tiep_nhan', 'chuyen_vien'] as const,
  sendInvitation: true,
  by: 'operator:an',
};

describe('officer administration', () => {
  it('an invitation creates the account and the record that grants unit and roles, and audits it', async () => {
    const { ports, records, audit } = memoryPorts();
    const record = await inviteOfficer(ports, invitation);
    expect(record).toMatchObject({
      officerId: 'sub-1',
      agencyCode: '000.17.22.H56',
      roles: ['tiep_nhan', 'chuyen_vien'],
      active: true,
      updatedBy: 'operator:an',
    });
    expect(records.get('sub-1')).toEqual(record);
    expect(audit).toEqual([
      expect.objectContaining({
        chain: officerAuditChain('sub-1'),
        fields: expect.objectContaining({ action: 'officer_invited', actor: 'operator:an' }),
      }),
    ]);
  });

  it('gives the unit’s name to the account’s invitation mail', async () => {
    const { ports } = memoryPorts();
    const created: unknown[] = [];
    const named: AdministrationPorts = {
      ...ports,
      agency: async (code) => ({ code, name: 'UBND xã Quảng Phú' }),
      accounts: {
        ...ports.accounts,
        create: async (account) => {
          created.push(account);
          return { officerId: 'sub-9' };
        },
      },
    };
    await inviteOfficer(named, invitation);
    expect(created).toEqual([
      expect.objectContaining({
        username: 'can-bo-hoa',
        sendInvitation: true,
        agencyName: 'UBND xã Quảng Phú',
      }),
    ]);
  });

  it('keeps the invitation’s address for alerts; an administrator may change it, audited, to a valid address only', async () => {
    const { ports, records, audit } = memoryPorts();
    expect((await inviteOfficer(ports, invitation)).email).toBe('can-bo-hoa@thanhhoa.gov.vn');
    const changed = await setOfficerEmail(
      ports,
      'can-bo-hoa',
      'hoa.tp@quangxuong.thanhhoa.gov.vn',
      'operator:an',
    );
    expect(records.get('sub-1')?.email).toBe('hoa.tp@quangxuong.thanhhoa.gov.vn');
    expect(changed.updatedBy).toBe('operator:an');
    expect(audit.at(-1)?.fields).toMatchObject({ action: 'officer_email_changed', actor: 'operator:an' });
    expect(OfficerRecordSchema.safeParse({ ...changed, email: 'not an address' }).success).toBe(false);
  });

  it('a former agency code is stored as the unit it designates today', async () => {
    const { ports } = memoryPorts();
    expect((await inviteOfficer(ports, { ...invitation, agencyCode: '000.18.22.H56' })).agencyCode).toBe(
      '000.17.22.H56',
    );
  });

  it('refuses an unknown agency or no role before creating any account', async () => {
    const { ports, accounts } = memoryPorts();
    await expect(inviteOfficer(ports, { ...invitation, agencyCode: '000.99.99.H56' })).rejects.toBeInstanceOf(
      DomainError,
    );
    await expect(inviteOfficer(ports, { ...invitation, roles: [] })).rejects.toBeInstanceOf(DomainError);
    expect(accounts.size).toBe(0);
  });

  it('deactivation switches the record off, disables the account and signs it out everywhere', async () => {
    const { ports, accounts, records, audit } = memoryPorts();
    await inviteOfficer(ports, invitation);
    await deactivateOfficer(ports, 'can-bo-hoa', 'operator:an');
    const record = records.get('sub-1');
    expect(record?.active).toBe(false);
    expect(authorityOf(record, new Date()).granted).toBe(false);
    expect(accounts.get('can-bo-hoa')).toMatchObject({ enabled: false, signedOutAt: expect.any(Number) });
    expect(audit.map((entry) => entry.fields.action)).toEqual(['officer_invited', 'officer_deactivated']);

    await reactivateOfficer(ports, 'can-bo-hoa', 'operator:an');
    expect(records.get('sub-1')?.active).toBe(true);
    expect(accounts.get('can-bo-hoa')?.enabled).toBe(true);
  });

  it('roles and unit change only through the administrator, each change audited', async () => {
    const { ports, records, audit } = memoryPorts();
    await inviteOfficer(ports, invitation);
    await setOfficerRoles(ports, 'can-bo-hoa', ['quan_tri'], 'operator:an');
    await moveOfficer(ports, 'can-bo-hoa', '000.00.22.H56', 'operator:an');
    expect(records.get('sub-1')).toMatchObject({ roles: ['quan_tri'], agencyCode: '000.00.22.H56' });
    await expect(moveOfficer(ports, 'can-bo-hoa', '000.99.99.H56', 'operator:an')).rejects.toBeInstanceOf(
      DomainError,
    );
    await expect(setOfficerRoles(ports, 'can-bo-hoa', [], 'operator:an')).rejects.toBeInstanceOf(DomainError);
    await expect(setOfficerRoles(ports, 'khong-co', ['quan_tri'], 'operator:an')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(records.get('sub-1')?.agencyCode).toBe('000.00.22.H56');
    expect(audit.map((entry) => entry.fields.action)).toEqual([
      'officer_invited',
      'officer_roles_changed',
      'officer_moved',
    ]);
  });
});
