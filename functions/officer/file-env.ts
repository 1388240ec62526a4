import { name } from '../../shared/config/env.ts';
import { officerDeskEnv } from './officer-env.ts';

/** The officer desk's variables, and the bucket holding the dossiers' files. */
export const officerFileEnv = officerDeskEnv.extend({ ATTACHMENTS_BUCKET: name });
