import type { OfficerAdministrationAction } from '../../contracts/officers.ts';
import type { AuditFields } from '../../domain/audit/audit.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import { DomainError } from '../../domain/common/errors.ts';
import { OFFICER_ROLES, type OfficerRecord, type OfficerRole } from '../../domain/officers/officers.ts';

/** The identity provider's side of an officer account (Cognito in every deployment). */
export interface OfficerAccounts {
  /** Creates the sign-in account and answers its stable id (the `sub` of its tokens). */
  create(account: {
    username: string;
    email: string;
    fullName?: string | undefined;
    sendInvitation: boolean;
    /** The unit's name, for the invitation mail. */
    agencyName?: string | undefined;
  }): Promise<{ officerId: string }>;
  idOf(username: string): Promise<string | undefined>;
  disable(username: string): Promise<void>;
  enable(username: string): Promise<void>;
  /** Ends every refresh token; ID tokens already issued stay valid until they expire (≤ 1 h). */
  signOutEverywhere(username: string): Promise<void>;
}

export interface OfficerRecords {
  get(officerId: string): Promise<OfficerRecord | undefined>;
  put(record: OfficerRecord): Promise<void>;
}

export interface AdministrationPorts {
  accounts: OfficerAccounts;
  records: OfficerRecords;
  /** The unit a code designates today (a former code resolves to its successor), if any. */
  agency(code: string): Promise<{ code: string; name?: string | undefined } | undefined>;
  audit(chain: string, fields: AuditFields): Promise<unknown>;
  now(): Date;
}

const unknownAgency = (code: string) =>
  new DomainError('VALIDATION_FAILED', {
    vi: `Cơ quan ${code} không có trong danh mục.`,
    en: `Agency ${code} is not in the registry.`,
  });

const unknownOfficer = (username: string) =>
  new DomainError('NOT_FOUND', {
    vi: `Không có cán bộ với tên đăng nhập ${username}.`,
    en: `There is no officer with the username ${username}.`,
  });

const noRoles = () =>
  new DomainError('VALIDATION_FAILED', {
    vi: `Cần ít nhất một vai trò trong: ${OFFICER_ROLES.join(', ')}.`,
    en: `At least one role is needed, from: ${OFFICER_ROLES.join(', ')}.`,
  });

export const officerAuditChain = (officerId: string) => `officer#${officerId}`;

/** Creates the account, then the record that grants unit and roles; both are audited. */
export async function inviteOfficer(
  ports: AdministrationPorts,
  request: {
    username: string;
    email: string;
    agencyCode: string;
    roles: readonly OfficerRole[];
    fullName?: string | undefined;
    validTo?: string | undefined;
    sendInvitation: boolean;
    by: string;
  },
): Promise<OfficerRecord> {
  if (request.roles.length === 0) throw noRoles();
  const unit = await ports.agency(request.agencyCode);
  if (!unit) throw unknownAgency(request.agencyCode);
  const { officerId } = await ports.accounts.create({ ...request, agencyName: unit.name });
  const at = toVietnamIso(ports.now());
  const record: OfficerRecord = {
    officerId,
    username: request.username,
    agencyCode: unit.code,
    roles: [...new Set(request.roles)],
    active: true,
    validFrom: at,
    ...(request.validTo ? { validTo: request.validTo } : {}),
    ...(request.fullName ? { fullName: request.fullName } : {}),
    email: request.email,
    updatedAt: at,
    updatedBy: request.by,
  };
  await ports.records.put(record);
  await ports.audit(officerAuditChain(officerId), {
    kind: 'state_change',
    action: 'officer_invited',
    actor: request.by,
    at,
    details: { agencyCode: record.agencyCode, roles: record.roles },
  });
  return record;
}

async function change(
  ports: AdministrationPorts,
  username: string,
  by: string,
  action: string,
  apply: (record: OfficerRecord) => Promise<OfficerRecord> | OfficerRecord,
): Promise<OfficerRecord> {
  const officerId = await ports.accounts.idOf(username);
  const current = officerId ? await ports.records.get(officerId) : undefined;
  if (!officerId || !current) throw unknownOfficer(username);
  const at = toVietnamIso(ports.now());
  const next = { ...(await apply(current)), updatedAt: at, updatedBy: by };
  await ports.records.put(next);
  await ports.audit(officerAuditChain(officerId), {
    kind: 'state_change',
    action,
    actor: by,
    at,
    details: { agencyCode: next.agencyCode, roles: next.roles, active: next.active },
  });
  return next;
}

export async function setOfficerRoles(
  ports: AdministrationPorts,
  username: string,
  roles: readonly OfficerRole[],
  by: string,
) {
  if (roles.length === 0) throw noRoles();
  return change(ports, username, by, 'officer_roles_changed', (record) => ({
    ...record,
    roles: [...new Set(roles)],
  }));
}

/** The address alerts about the officer's work go to (the sign-in account's address is not changed). */
export async function setOfficerEmail(
  ports: AdministrationPorts,
  username: string,
  email: string,
  by: string,
) {
  return change(ports, username, by, 'officer_email_changed', (record) => ({ ...record, email }));
}

export async function moveOfficer(
  ports: AdministrationPorts,
  username: string,
  agencyCode: string,
  by: string,
) {
  return change(ports, username, by, 'officer_moved', async (record) => {
    const unit = await ports.agency(agencyCode);
    if (!unit) throw unknownAgency(agencyCode);
    return { ...record, agencyCode: unit.code };
  });
}

/**
 * The record is switched off first, so the officer's authority ends within the functions' cache
 * time even for a token still valid; then the account is disabled and signed out everywhere.
 */
export async function deactivateOfficer(ports: AdministrationPorts, username: string, by: string) {
  const record = await change(ports, username, by, 'officer_deactivated', (current) => ({
    ...current,
    active: false,
  }));
  await ports.accounts.disable(username);
  await ports.accounts.signOutEverywhere(username);
  return record;
}

export async function reactivateOfficer(ports: AdministrationPorts, username: string, by: string) {
  await ports.accounts.enable(username);
  return change(ports, username, by, 'officer_reactivated', (current) => ({ ...current, active: true }));
}

const notOfUnit = () =>
  new DomainError('NOT_FOUND', {
    vi: 'Đơn vị không có cán bộ với tên đăng nhập này.',
    en: 'Your unit has no officer with this username.',
  });

/**
 * An agency administrator acts on officers of their own unit only, and not on their own account
 * (another administrator, or the operator, must do that, so nobody locks the unit out by mistake).
 */
export async function requireOfficerOfUnit(
  ports: AdministrationPorts,
  administrator: { id: string; agencyCode: string },
  username: string,
): Promise<OfficerRecord> {
  const officerId = await ports.accounts.idOf(username);
  const record = officerId ? await ports.records.get(officerId) : undefined;
  if (!record || record.agencyCode !== administrator.agencyCode) throw notOfUnit();
  if (record.officerId === administrator.id) {
    throw new DomainError('FORBIDDEN', {
      vi: 'Không thể tự thay đổi tài khoản của mình: đề nghị quản trị viên khác thực hiện.',
      en: 'You cannot change your own account: ask another administrator.',
    });
  }
  return record;
}

/** An officer's record as administrators see it: without the account id or who changed it last. */
export const officerView = ({ officerId: _, updatedBy: __, ...record }: OfficerRecord) => record;

/** The officers of one unit, as its administrator sees them. */
export async function listOfficersOfUnit(
  directory: { ofAgency(agencyCode: string): Promise<OfficerRecord[]> },
  agencyCode: string,
) {
  return { items: (await directory.ofAgency(agencyCode)).map(officerView) };
}

/** Re-roles, deactivates or reactivates an officer (checked first to be of the administrator's unit). */
export async function administerOfficer(
  ports: AdministrationPorts,
  username: string,
  action: OfficerAdministrationAction,
  by: string,
): Promise<OfficerRecord> {
  if (action.type === 'set_roles') return setOfficerRoles(ports, username, action.roles, by);
  if (action.type === 'set_email') return setOfficerEmail(ports, username, action.email, by);
  if (action.type === 'deactivate') return deactivateOfficer(ports, username, by);
  return reactivateOfficer(ports, username, by);
}
