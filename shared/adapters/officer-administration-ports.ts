import type { AdministrationPorts } from '../app/officers/administer-officers.ts';
import { AuditLog } from './audit-log.ts';
import { CognitoOfficerAccounts } from './cognito-officer-accounts.ts';
import { OfficerDirectory } from './officer-directory.ts';
import type { ReferenceStore } from './reference-store.ts';

/** Cognito accounts, the officer records (read uncached: an administrator sees changes at once), the audit trail. */
export function officerAdministrationPorts(
  env: { USER_POOL_ID: string; OFFICERS_TABLE: string; AUDIT_TABLE: string; AUDIT_PENDING_TABLE: string },
  reference: ReferenceStore,
): AdministrationPorts & { records: OfficerDirectory } {
  const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
  return {
    accounts: new CognitoOfficerAccounts(env.USER_POOL_ID),
    records: new OfficerDirectory(env.OFFICERS_TABLE, 0),
    agency: (code) => reference.getAgency(code),
    audit: (chain, fields) => audit.append(chain, fields),
    now: () => new Date(),
  };
}
