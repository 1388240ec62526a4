/** Writes docs/processes.md: every built-in default and sample process with its table and diagram. */
import { writeFileSync } from 'node:fs';
import { PROCESS_DOCS_PATH, processDocs } from './lib/process-docs.ts';

writeFileSync(PROCESS_DOCS_PATH, processDocs());
console.log(`wrote ${PROCESS_DOCS_PATH}`);
