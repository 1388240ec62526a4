/**
 * Officers and their authority: the account in the Cognito user pool, the unit and roles in the
 * Officers table (the only place functions read them from).
 *   npx tsx scripts/officers.ts <cdk-outputs.json> invite <username> --email <e> --agency <code> --roles <r1,r2> [--name "<full name>"] [--valid-to <ISO instant>] [--no-mail]
 *   npx tsx scripts/officers.ts <cdk-outputs.json> roles <username> <r1,r2>
 *   npx tsx scripts/officers.ts <cdk-outputs.json> email <username> <address step alerts go to>
 *   npx tsx scripts/officers.ts <cdk-outputs.json> move <username> <agency code>
 *   npx tsx scripts/officers.ts <cdk-outputs.json> deactivate <username>
 *   npx tsx scripts/officers.ts <cdk-outputs.json> reactivate <username>
 *   npx tsx scripts/officers.ts <cdk-outputs.json> list <agency code>
 * Roles: tiep_nhan, chuyen_vien, lanh_dao_phong, lanh_dao, van_thu, quan_tri.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import {
  deactivateOfficer,
  inviteOfficer,
  moveOfficer,
  reactivateOfficer,
  setOfficerEmail,
  setOfficerRoles,
} from '../shared/app/officers/administer-officers.ts';
import { isDomainError } from '../shared/domain/common/errors.ts';
import { OFFICER_ROLES, type OfficerRecord, parseRoles } from '../shared/domain/officers/officers.ts';
import { deployedOfficerAdministration } from './lib/officer-admin.ts';
import { readOutputs } from './lib/outputs.ts';

const USAGE = `usage: tsx scripts/officers.ts <cdk-outputs.json> invite|roles|email|move|deactivate|reactivate|list … (see the file's header)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    agency: { type: 'string' },
    roles: { type: 'string' },
    name: { type: 'string' },
    'valid-to': { type: 'string' },
    'no-mail': { type: 'boolean', default: false },
  },
});
const [outputsFile, verb, subject, argument] = positionals;
if (!outputsFile || !verb || !subject) {
  console.error(USAGE);
  process.exit(2);
}
const ports = deployedOfficerAdministration(readOutputs(outputsFile));
const operator = `operator:${process.env.USER ?? userInfo().username}`;

function rolesFrom(text: string | undefined) {
  const { roles, unknown } = parseRoles(text ?? '');
  if (unknown.length > 0) {
    console.error(
      `Không phải vai trò / not a role: ${unknown.join(', ')} (roles: ${OFFICER_ROLES.join(', ')})`,
    );
    process.exit(2);
  }
  return roles;
}

const show = (record: OfficerRecord) =>
  `${record.username}\t${record.agencyCode}\t${record.roles.join(',')}\t${record.active ? 'active' : 'inactive'}` +
  `${record.validTo ? `\tuntil ${record.validTo}` : ''}`;

try {
  switch (verb) {
    case 'invite': {
      if (!values.email || !values.agency) throw new Error('invite needs --email and --agency');
      const record = await inviteOfficer(ports, {
        username: subject,
        email: values.email,
        agencyCode: values.agency,
        roles: rolesFrom(values.roles),
        fullName: values.name,
        validTo: values['valid-to'],
        sendInvitation: !values['no-mail'],
        by: operator,
      });
      console.log(`invited\t${show(record)}`);
      break;
    }
    case 'roles':
      console.log(`roles set\t${show(await setOfficerRoles(ports, subject, rolesFrom(argument), operator))}`);
      break;
    case 'email':
      if (!argument) throw new Error('email needs the address alerts go to');
      console.log(`email set\t${show(await setOfficerEmail(ports, subject, argument, operator))}`);
      break;
    case 'move':
      if (!argument) throw new Error('move needs the new agency code');
      console.log(`moved\t${show(await moveOfficer(ports, subject, argument, operator))}`);
      break;
    case 'deactivate':
      console.log(`deactivated\t${show(await deactivateOfficer(ports, subject, operator))}`);
      break;
    case 'reactivate':
      console.log(`reactivated\t${show(await reactivateOfficer(ports, subject, operator))}`);
      break;
    case 'list':
      for (const record of await ports.directory.ofAgency(subject)) console.log(show(record));
      break;
    default:
      console.error(USAGE);
      process.exit(2);
  }
} catch (error) {
  if (isDomainError(error)) {
    console.error(`${error.bilingual.vi}\n${error.bilingual.en}`);
    process.exit(1);
  }
  throw error;
}
