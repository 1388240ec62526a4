import { name } from '../../shared/config/env.ts';
import type { Permission } from '../../shared/http/endpoint-spec.ts';
import { officerDeskEnv } from './officer-env.ts';

/** The officer desk's variables, and the bucket holding the dossiers' files. */
export const officerFileEnv = officerDeskEnv.extend({ ATTACHMENTS_BUCKET: name });

/** What both file routes do: read the dossier, the unit and the officer, audit the view, link the file. */
export const officerFilePermissions: readonly Permission[] = [
  'dossiers:read',
  'reference:read',
  'officers:lookup',
  'audit:append',
  'dossierFiles:get',
];
