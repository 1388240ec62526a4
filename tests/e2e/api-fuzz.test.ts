import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { apiBase } from '../support/deployment.ts';
import { signInOfficer } from '../support/officers.ts';

const run = promisify(execFile);
const schemathesis = resolve('.local/fuzz-venv/bin/schemathesis');
/** Examples per operation: 10 in the test command (≈ 250 requests); `FUZZ_EXAMPLES=100` for the full run (≈ 2,300). */
const examples = Number(process.env.FUZZ_EXAMPLES ?? 10);

describe('the API under generated input (schemathesis, from the OpenAPI document)', () => {
  it(
    'never answers with a server error, an undocumented status, or a body that breaks its schema',
    async () => {
      expect(existsSync(schemathesis)).toBe(true);
      const token = await signInOfficer('000.17.22.H56');
      const args = [
        'run',
        `${apiBase}openapi.json`,
        '--url',
        apiBase,
        '-H',
        `Authorization: Bearer ${token}`,
        '--checks',
        'not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance',
        '--max-examples',
        String(examples),
        '--seed',
        process.env.FUZZ_SEED ?? '20261124',
        '--phases',
        'examples,fuzzing',
        '--no-color',
      ];
      const result = await run(schemathesis, args, {
        maxBuffer: 64 * 1024 * 1024,
        timeout: 20 * 60_000,
      }).catch((error: { stdout?: string; code?: number }) => ({
        stdout: error.stdout ?? '',
        stderr: '',
        failed: error.code,
      }));
      const summary = /(\d+) generated, (\d+) (?:passed|found)/.exec(result.stdout);
      if ('failed' in result) console.log(result.stdout.slice(-6000));
      expect('failed' in result ? result.stdout.slice(-3000) : '').toBe('');
      const generated = Number(summary?.[1] ?? 0);
      console.log(`schemathesis: ${generated} generated requests, all passed`);
      expect(generated).toBeGreaterThanOrEqual(examples * 20);
    },
    25 * 60_000,
  );
});
