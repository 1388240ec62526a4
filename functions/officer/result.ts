import { loadEnv } from '../../shared/config/env.ts';
import { officerFileHandler } from './file-link.ts';
import { officerResultSpec } from './result.spec.ts';

export const handler = officerFileHandler(loadEnv(officerResultSpec.env), () => ({ kind: 'result' }));
