import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { API_FUNCTIONS, SPEC_MODULES } from '../../../functions/api.ts';
import { officerRoleOf, routeKey } from '../../../shared/http/endpoint-spec.ts';

const FUNCTIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../functions');

function specFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return specFiles(full);
    return entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

describe('endpoint specs', () => {
  it('finds every spec file of functions/, each declaring one function with its own id', () => {
    const files = specFiles(FUNCTIONS_DIR)
      .map((file) => path.relative(FUNCTIONS_DIR, file))
      .sort();
    expect([...SPEC_MODULES.values()].map(({ file }) => file)).toEqual(files);
    expect(API_FUNCTIONS.length).toBe(files.length);
    expect(new Set(API_FUNCTIONS.map(({ id }) => id)).size).toBe(API_FUNCTIONS.length);
  });

  it('gives each route one function', () => {
    const routes = API_FUNCTIONS.flatMap(({ endpoints }) => endpoints.map(routeKey));
    expect(routes.filter((route, index) => routes.indexOf(route) !== index)).toEqual([]);
  });

  it('names a handler that exists and reads its environment from its own spec, or wires it with serve()', () => {
    for (const spec of API_FUNCTIONS) {
      if (!spec.handler) {
        expect(typeof spec.serve, spec.id).toBe('function');
        continue;
      }
      const handler = path.join(FUNCTIONS_DIR, spec.handler);
      expect(existsSync(handler), spec.handler).toBe(true);
      const source = readFileSync(handler, 'utf8');
      const specFile = `./${path.basename(spec.handler, '.ts')}.spec.ts`;
      if (Object.keys(spec.env.shape).length > 0) {
        expect(source, spec.handler).toContain(specFile);
        expect(source, spec.handler).toMatch(/loadEnv\(\w+Spec\.env\)/);
      }
    }
  });

  it('documents every endpoint that is not a page', () => {
    for (const spec of API_FUNCTIONS)
      for (const endpoint of spec.endpoints)
        expect(endpoint.page === true || endpoint.operation !== undefined, routeKey(endpoint)).toBe(true);
  });

  it('grants what each kind of caller needs checked: officer records, lookup failures', () => {
    for (const spec of API_FUNCTIONS) {
      const kinds = new Set(spec.endpoints.map(({ access }) => access.kind));
      if (kinds.has('officer')) {
        // Administering officers includes reading their records.
        expect(
          spec.permissions.includes('officers:lookup') || spec.permissions.includes('officers:administer'),
          spec.id,
        ).toBe(true);
        expect(Object.keys(spec.env.shape), spec.id).toEqual(
          expect.arrayContaining(['USER_POOL_ID', 'USER_POOL_CLIENT_ID', 'OFFICERS_TABLE']),
        );
      } else if (!spec.permissions.includes('officers:administer')) {
        expect(spec.permissions, spec.id).not.toContain('officers:lookup');
      }
      if (kinds.has('lookupSecret')) expect(spec.permissions, spec.id).toContain('lookupGate');
    }
  });

  it('requires one role per function, and the administrator role for administration routes', () => {
    for (const spec of API_FUNCTIONS) expect(() => officerRoleOf(spec), spec.id).not.toThrow();
    const administration = API_FUNCTIONS.flatMap(({ endpoints }) => endpoints).filter(({ path }) =>
      /^\/officer\/(webhooks|officers)/.test(path),
    );
    expect(administration.length).toBeGreaterThan(0);
    for (const { access } of administration) expect(access).toEqual({ kind: 'officer', role: 'quan_tri' });
  });
});
