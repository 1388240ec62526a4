import { beforeAll, describe, expect, it } from 'vitest';
import { API_FUNCTIONS } from '../../functions/api.ts';
import { OFFICER_ROLES } from '../../shared/domain/officers/officers.ts';
import { type EndpointSpec, routeKey } from '../../shared/http/endpoint-spec.ts';
import {
  api,
  completeDossierRequest,
  dispatchRequest,
  invokeFunction,
  pdfAttachment,
  postJson,
  waitUntilRouted,
} from '../support/deployment.ts';
import {
  receiveDossier,
  registerOfficer,
  signInForeignOfficer,
  signInOfficer,
  signInUnregisteredAccount,
} from '../support/officers.ts';

/**
 * Every operation of the OpenAPI document (which the CDK template tests hold equal to the deployed
 * routes) against every kind of caller: anonymous, a citizen with, without and with a wrong lookup
 * secret, an officer of the unit that holds the resource, an officer of another unit, and an account
 * of a user pool this platform does not trust, an account of this pool that no administrator registered
 * as an officer, and an officer of the holding unit without the administrator role. Agency systems
 * are covered by the webhook tests.
 */
const HOLDER = '000.17.22.H56';
const OTHER = '000.18.22.H56';

type Persona =
  | 'anonymous'
  | 'foreign'
  | 'unregistered'
  | 'otherUnit'
  | 'holder'
  | 'holderNotAdmin'
  | 'citizen'
  | 'citizenWrongSecret';
const OFFICER_PERSONAS: Persona[] = ['foreign', 'unregistered', 'otherUnit', 'holder', 'holderNotAdmin'];
type Operation = Pick<EndpointSpec, 'method' | 'path' | 'access'>;

/** Public by design: the dashboard and the published aggregates it reads carry no personal data. */
const PUBLIC_READS = ['GET /dashboard', 'GET /kpi', 'GET /kpi/report'];

const tokens: Partial<Record<Persona, string>> = {};
/**
 * Each lookup route gets a dossier of its own: five wrong secrets lock a code for 15 minutes
 * (ADR 0004), and the matrix tries a wrong secret and none on every lookup route.
 */
const lookupDossiers = new Map<string, { code: string; secret: string }>();
const fixtures = { code: '', secret: '', documentId: '', subscriptionId: '', officerUsername: '' };

function concretePath(path: string): string {
  // A process is no unit's own: every officer may read the built-in defaults.
  if (path.startsWith('/officer/processes/')) return path.replace('{code}', 'MAC-DINH-COMMUNE');
  return path
    .replace('{code}', encodeURIComponent(fixtures.code))
    .replace('{id}', path.startsWith('/officer/webhooks') ? fixtures.subscriptionId : fixtures.documentId)
    .replace('{eventId}', 'evt_none')
    .replace('{form}', '01')
    .replace('{index}', '0')
    .replace('{agencyCode}', HOLDER)
    .replace('{username}', fixtures.officerUsername);
}

async function call(operation: Operation, persona: Persona) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = tokens[persona];
  if (token) headers.authorization = `Bearer ${token}`;
  const own = lookupDossiers.get(routeKey(operation));
  const secret = own?.secret ?? fixtures.secret;
  if (persona === 'citizen') headers['x-lookup-secret'] = secret;
  if (persona === 'citizenWrongSecret') headers['x-lookup-secret'] = 'a'.repeat(secret.length);
  if (own) {
    const path = operation.path.replace('{code}', encodeURIComponent(own.code));
    return api(path, {
      method: operation.method,
      headers,
      body: operation.method === 'POST' ? '{}' : undefined,
    });
  }
  const body =
    operation.method === 'POST' ? (operation.path === '/officer/documents/edxml' ? '<x/>' : '{}') : undefined;
  if (body === '<x/>') headers['content-type'] = 'application/xml';
  return api(concretePath(operation.path), { method: operation.method, headers, body });
}

/** What each caller must get; "passes" means past authorisation (the empty body is then refused). */
function expected(operation: Operation, persona: Persona): number[] {
  const { method, path, access } = operation;
  if (access.kind === 'officer') {
    if (persona === 'unregistered') return [403];
    if (persona === 'holderNotAdmin' && access.role === 'quan_tri') return [403];
    if (
      persona === 'anonymous' ||
      persona === 'foreign' ||
      persona === 'citizen' ||
      persona === 'citizenWrongSecret'
    )
      return [401];
    const scoped = /\{(code|id|username)\}/.test(path) && !path.startsWith('/officer/processes/');
    // An empty body may be refused as invalid before the resource is looked up; never anything more.
    if (persona === 'otherUnit' && scoped) return method === 'POST' ? [400, 404] : [404];
    if (path.includes('{eventId}')) return [404];
    // The fixture dossier is received, not settled: it has no result yet.
    if (method === 'GET') return path.endsWith('/result') ? [409] : [200];
    // Rotation takes no body: the holder's officer gets a new secret.
    return path.endsWith('/rotate') ? [200] : [400, 415];
  }
  if (access.kind === 'agencySystem') return [401];
  if (access.kind === 'lookupSecret') {
    // Withdrawal needs no more than the secret (the reason is optional); feedback needs a rating and
    // a supplement its files, so the empty body is refused once the secret has opened the dossier.
    if (persona === 'citizen')
      return /\/(feedback|supplement)$/.test(path) ? [400] : path.endsWith('/result') ? [409] : [200];
    return [404];
  }
  return method === 'GET' ? [200] : [400];
}

describe('authorisation matrix', () => {
  let operations: Operation[] = [];

  beforeAll(async () => {
    operations = API_FUNCTIONS.flatMap(({ endpoints }) => endpoints);
    tokens.holder = await signInOfficer(HOLDER);
    tokens.holderNotAdmin = await signInOfficer(
      HOLDER,
      OFFICER_ROLES.filter((role) => role !== 'quan_tri'),
    );
    tokens.unregistered = await signInUnregisteredAccount(HOLDER);
    fixtures.officerUsername = (await registerOfficer(HOLDER, ['chuyen_vien'])).username;
    tokens.otherUnit = await signInOfficer(OTHER);
    tokens.foreign = await signInForeignOfficer(HOLDER);

    const dossier = await postJson<{ dossierCode: string; lookupSecret: string }>(
      '/dossiers',
      await completeDossierRequest(),
    );
    fixtures.code = dossier.body.dossierCode;
    fixtures.secret = dossier.body.lookupSecret;
    // Forms need a received dossier (form 01 is issued at reception): they keep the fixture's.
    const lookups = operations.filter(
      ({ access, path }) => access.kind === 'lookupSecret' && !path.includes('{form}'),
    );
    for (const operation of lookups) {
      const own = await postJson<{ dossierCode: string; lookupSecret: string }>(
        '/dossiers',
        await completeDossierRequest(),
      );
      lookupDossiers.set(routeKey(operation), { code: own.body.dossierCode, secret: own.body.lookupSecret });
    }
    await waitUntilRouted(fixtures.code);
    // Received by the desk, so every form route (form 01 included) has something to serve.
    await receiveDossier(tokens.holder, fixtures.code);
    const document = await postJson<{ id: string }>(
      '/officer/documents',
      dispatchRequest('000.00.00.H56', 'UBND-AUTH', {
        subject: 'Kiểm tra phân quyền',
        // Attachment 0, for the route that links to a document's files.
        attachments: [pdfAttachment('kiem-tra.pdf')],
      }),
      { authorization: `Bearer ${tokens.holder}` },
    );
    fixtures.documentId = document.body.id;
    const subscription = await postJson<{ id: string }>(
      '/officer/webhooks',
      { url: 'http://127.0.0.1:9/hook', eventTypes: ['kpi.published'] },
      { authorization: `Bearer ${tokens.holder}` },
    );
    fixtures.subscriptionId = subscription.body.id;
    // The report of the current period exists once the aggregator has published it.
    await invokeFunction('Kpi', 'AggregatorFunctionName');
    expect(Object.values(fixtures).every(Boolean)).toBe(true);
  });

  it('covers every endpoint of the specs, which are the operations the deployed document lists', async () => {
    const openApi = await api<{ paths: Record<string, Record<string, { security?: unknown[] }>> }>(
      '/openapi.json',
    );
    const documented = Object.entries(openApi.body.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([verb, operation]) => ({
        route: `${verb.toUpperCase()} ${path}`,
        officer: (operation.security?.length ?? 0) > 0,
      })),
    );
    const specified = operations.filter((operation) =>
      documented.some(({ route }) => route === routeKey(operation)),
    );
    expect(specified.length).toBe(documented.length);
    for (const { route, officer } of documented) {
      const operation = operations.find((candidate) => routeKey(candidate) === route);
      expect(operation?.access.kind === 'officer', route).toBe(officer);
    }
    const publicRoutes = operations.filter(({ access }) => access.kind === 'public').map(routeKey);
    for (const read of PUBLIC_READS) expect(publicRoutes).toContain(read);
  });

  it('answers each caller as the rules say, and never with a server error', async () => {
    const personas: Persona[] = [
      'anonymous',
      'foreign',
      'citizen',
      'citizenWrongSecret',
      'unregistered',
      'otherUnit',
      'holder',
      'holderNotAdmin',
    ];
    const mismatches: string[] = [];
    for (const operation of operations) {
      for (const persona of personas) {
        if (operation.access.kind !== 'officer' && OFFICER_PERSONAS.includes(persona)) continue;
        const answer = await call(operation, persona);
        const allowed = expected(operation, persona);
        if (!allowed.includes(answer.status))
          mismatches.push(
            `${operation.method} ${operation.path} as ${persona}: ${answer.status}, expected ${allowed.join(' or ')}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('lists nothing of one unit to another, and refuses a valid action on another unit’s resources', async () => {
    const other = `Bearer ${tokens.otherUnit}`;
    const action = await postJson(
      `/officer/dossiers/${encodeURIComponent(fixtures.code)}/actions`,
      { type: 'stop', reason: 'thử' },
      { authorization: other },
    );
    expect(action.status).toBe(404);
    const preview = await postJson(
      `/officer/dossiers/${encodeURIComponent(fixtures.code)}/forms/05/preview`,
      { type: 'stop', reason: 'thử' },
      { authorization: other },
    );
    expect(preview.status).toBe(404);
    const recall = await postJson(
      `/officer/documents/${fixtures.documentId}/actions`,
      { type: 'recall', reason: 'thử' },
      { authorization: other },
    );
    expect(recall.status).toBe(404);
    const queue = await api('/officer/dossiers', { headers: { authorization: other } });
    expect(JSON.stringify(queue.body)).not.toContain(fixtures.code);
    const search = await postJson(
      '/officer/dossiers/search',
      { text: fixtures.code },
      { authorization: other },
    );
    expect(search.status).toBe(200);
    expect(JSON.stringify(search.body)).not.toContain(fixtures.code);
    const outbox = await api('/officer/documents?box=outbox', { headers: { authorization: other } });
    expect(JSON.stringify(outbox.body)).not.toContain(fixtures.documentId);
    const hooks = await api('/officer/webhooks', { headers: { authorization: other } });
    expect(JSON.stringify(hooks.body)).not.toContain(fixtures.subscriptionId);
  });
});
