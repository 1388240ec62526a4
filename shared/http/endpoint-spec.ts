import type * as z from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import type { EnvSchema } from '../config/env.ts';
import type { OfficerRole } from '../domain/officers/officers.ts';
import type { HttpHandler } from './endpoint.ts';

/**
 * Who may call an endpoint. Authority never comes from what the caller writes: the lookup secret is
 * checked against the sealed one, an officer's unit and roles are read from the Officers table, an
 * agency system proves itself with its own webhook secret.
 */
export type Access =
  /** Anyone: pages, the catalog, public keys, verification and the published aggregates. */
  | { kind: 'public' }
  /** A citizen holding the dossier's lookup secret (header `x-lookup-secret`). */
  | { kind: 'lookupSecret' }
  /** An active officer of a registered unit, holding `role` there when one is named. */
  | { kind: 'officer'; role?: OfficerRole }
  /** An agency system, with a Standard Webhooks signature made with its agency's secret. */
  | { kind: 'agencySystem' };

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface EndpointSpec {
  method: HttpMethod;
  /** API Gateway resource path, e.g. `/dossiers/{code}`. */
  path: string;
  access: Access;
  /**
   * Its OpenAPI operation (summary, parameters, request body, responses). The officer security scheme
   * is added from `access`. Only HTML pages go without one.
   */
  operation?: ZodOpenApiOperationObject;
  /** An HTML page for people rather than an API operation. */
  page?: true;
  /** Its own API Gateway throttle, below the stage's (see docs/capacity-throttles.md). */
  throttle?: Throttle;
}

/**
 * What a function may do in AWS, named by intent; `infra/constructs/api-functions.ts` turns each into
 * the narrowest grant that serves it, and a template test holds every function to its list.
 */
export const PERMISSIONS = [
  'reference:read',
  'dossiers:read',
  'dossiers:readWrite',
  'dossiers:write',
  /** Read a dossier and set one attribute: no deletes, no other table. */
  'dossiers:getAndUpdate',
  'counters:write',
  /** Read the queue's counters per unit: no writes. */
  'queueCounts:read',
  'idempotency:readWrite',
  /** Claims of uploads bound to a dossier (the Idempotency table). */
  'uploadClaims:getAndPut',
  'kpi:read',
  /** Query one period's partition: no scans, no item reads, no streams. */
  'kpi:query',
  'webhooks:readWrite',
  'documents:read',
  'documents:readWrite',
  'dataKey:decrypt',
  'dataKey:seal',
  'signingKeys:sign',
  'ecSigningKey:sign',
  'signingKeys:publish',
  'tierQueues:send',
  'mailQueue:send',
  'webhookDeliveryQueue:send',
  'audit:append',
  /** Query a dossier's audit chain: no writes. */
  'audit:read',
  /** Read the delivery events of sent mails (`message#` items of the Mail table), nothing else there. */
  'mailEvents:read',
  'officers:lookup',
  /** Lists a unit's officers (by the unit index): whom a step may be assigned to. */
  'officers:ofUnit',
  'officers:administer',
  'lookupGate',
  'uploads:presign',
  'uploads:read',
  'uploads:bind',
  /** Read the files dossiers own (attachments and results), to link them for download. */
  'dossierFiles:get',
  /** Read the result files only (under `dossiers/<code>/result/`), for the citizen's download. */
  'dossierResults:get',
  'forms:store',
  'documentFiles:put',
  'documentFiles:get',
  'agencyWebhookSecrets:read',
  /** MAC with the search key: digests of applicant identifiers, at intake and in the officers' search. */
  'searchKey:mac',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** One Lambda function of the API and the endpoints it serves. */
interface ApiFunctionFields<E extends EnvSchema> {
  /** Construct id, e.g. `SubmitDossier`. */
  id: string;
  description: string;
  /** The environment the handler validates at start-up; CDK deploys exactly these variables. */
  env: E;
  permissions: readonly Permission[];
  memorySize?: number;
  timeoutSeconds?: number;
  endpoints: readonly EndpointSpec[];
}

/**
 * How the function is wired: a handler file of its own, or `serve`, which builds the handler from the
 * validated environment. `serve` is only called in the Lambda, by an entry generated at synth
 * (`infra/served-entries.ts`), so a spec stays free of side effects when it is imported: modules that
 * read the environment or create clients at import are imported inside `serve`.
 */
type Wiring<E extends EnvSchema> =
  | {
      /** Handler file relative to `functions/`. */
      handler: string;
      serve?: never;
    }
  | {
      handler?: never;
      serve(env: z.output<E>): Promise<HttpHandler>;
    };

export type ApiFunctionSpec<E extends EnvSchema = EnvSchema> = ApiFunctionFields<E> & Wiring<E>;

const declared = new WeakSet<object>();

/**
 * Declares a function of the API, typed, and marks it so that `functions/api.ts` finds it among a spec
 * file's exports; nothing else happens when a spec file is imported.
 */
export function apiFunction<E extends EnvSchema>(spec: ApiFunctionSpec<E>): ApiFunctionSpec<E> {
  declared.add(spec);
  return spec;
}

/** Whether a module's export is a function of the API (declared with `apiFunction`). */
export function isApiFunction(value: unknown): value is ApiFunctionSpec {
  return typeof value === 'object' && value !== null && declared.has(value);
}

/**
 * The role a function's officer endpoints require, for its handler's officer check. Endpoints of one
 * function that disagree would make the check depend on the route, which no handler does.
 */
export function officerRoleOf(spec: ApiFunctionSpec): OfficerRole | undefined {
  const roles = new Set(
    spec.endpoints.flatMap(({ access }) => (access.kind === 'officer' ? [access.role] : [])),
  );
  if (roles.size > 1) throw new Error(`${spec.id}: its officer endpoints require different roles`);
  return [...roles][0];
}

export const routeKey = ({ method, path }: Pick<EndpointSpec, 'method' | 'path'>) => `${method} ${path}`;

/** An API Gateway throttle: requests per second, and the burst above it. */
export interface Throttle {
  rate: number;
  burst: number;
}
