import * as z from 'zod';
import { TierSchema } from '../domain/agencies/tier-schema.ts';
import { DEFAULT_KPI_COUNTER_SHARDS, MAX_KPI_COUNTER_SHARDS } from '../domain/kpi/counter-shards.ts';
import { DEFAULT_SIGNING_TARGETS, SigningTargetsSchema } from '../domain/kpi/signing-targets.ts';
import { DOCUMENT_SIGNING_MODES } from '../domain/signing/document-signing.ts';
import { PublishedKeySchema } from '../domain/signing/signing-keys.ts';

/**
 * One schema per function: the handler validates process.env with it at cold start, and the CDK
 * construct types the `environment` it deploys from the same schema, so the two cannot drift. The API's
 * functions declare theirs in their spec (`functions/<area>/<name>.spec.ts`) from the pieces here; the
 * queue, stream and schedule consumers' are below.
 */
export const name = z.string().min(1);

/** A variable holding JSON (CDK writes structured settings this way), checked against `schema`. */
export function jsonText<S extends z.ZodType>(schema: S, expected: string) {
  return z.string().transform((value, ctx): z.output<S> => {
    try {
      const parsed = schema.safeParse(JSON.parse(value));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON at all: reported below like a JSON value of the wrong shape.
    }
    ctx.addIssue({ code: 'custom', message: `must be JSON: ${expected}` });
    return z.NEVER;
  });
}

export const tierQueueUrls = jsonText(
  z.partialRecord(TierSchema, z.string().min(1)),
  'an object of tier → queue URL',
);

/** The published signing keys, current and retired, with the period each signed in. */
export const signingKeysVariable = jsonText(
  z.array(PublishedKeySchema).min(1),
  'a list of {keyId, algorithm, validFrom, retiredAt?}',
);
/** How long a session key signs before the KMS key certifies a new one. */
export const sessionKeyLifetime = z.coerce.number().int().min(60).max(86_400).default(3600);
/**
 * Forms, signed results and apology letters: signed in KMS one by one (`kms`, a province's
 * default), or by session keys the KMS key certifies (`session`, set from the planned peak).
 */
export const documentSigningVariables = {
  DOCUMENT_SIGNING: z.enum(DOCUMENT_SIGNING_MODES).default('kms'),
  SESSION_KEY_LIFETIME_SECONDS: sessionKeyLifetime,
};
/** Domains agency mail may go to and come from (public mail services are refused regardless). */
export const agencyMailDomains = jsonText(z.array(z.string().min(3)).min(1), 'a list of domains').default([
  'gov.vn',
]);
/** Non-public addresses a webhook receiver may use, over plain http too (the local test receivers); empty in AWS. */
export const allowedPrivateAddresses = jsonText(z.array(z.string()), 'a list of IP addresses').default([]);

/** Set only in fault-run deployments (`-c faultInjection=…`): the parameter holding the failure rates. */
const faultInjectionParameter = name.optional();

/** What a function reading the working calendar needs: the table of the decisions' entries, the cache time. */
export const calendarVariables = {
  REFERENCE_TABLE: name,
  /** How long a function keeps the calendar before reading it again: an operator's change waits this long. */
  CALENDAR_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
};

export const resendUnroutedEnv = z.object({
  DOSSIERS_TABLE: name,
  TIER_QUEUE_URLS: tierQueueUrls,
  RESEND_AFTER_SECONDS: z.coerce.number().int().min(10).default(120),
});
/** What a citizen route taking the lookup secret needs for its lockout: where failures are counted. */
export const lookupGateVariables = {
  COUNTERS_TABLE: name,
  /** Sources the per-source limit skips: the loopback address every local test shares; empty in AWS. */
  LOOKUP_THROTTLE_EXEMPT_SOURCES: jsonText(z.array(z.string()), 'a list of IP addresses').default([]),
};
export const tierConsumerEnv = z.object({
  DOSSIERS_TABLE: name,
  DOCUMENTS_TABLE: name,
  AUDIT_TABLE: name,
  AUDIT_PENDING_TABLE: name,
  TIER: TierSchema,
  /** The tier's own queue, where failed messages get a shorter wait before their next delivery. */
  QUEUE_URL: name,
  /** The queue's deliveries before its DLQ: the last failed one needs no wait. */
  MAX_RECEIVE_COUNT: z.coerce.number().int().min(1),
  MAIL_QUEUE_URL: name,
  /** Status messages go back to the sender's tier, whichever that is. */
  TIER_QUEUE_URLS: tierQueueUrls,
  SIGNING_KEY_ID: name,
  SESSION_KEY_LIFETIME_SECONDS: sessionKeyLifetime,
  FAULT_INJECTION_PARAMETER: faultInjectionParameter,
});
/** Every officer function: the pool that proves identity, the table that grants unit and roles. */
export const officerPoolVariables = {
  USER_POOL_ID: name,
  USER_POOL_CLIENT_ID: name,
  OFFICERS_TABLE: name,
  /** Set by the emulator (and never in AWS): Cognito's public keys are then served by it. */
  AWS_ENDPOINT_URL: z.url().optional(),
};
export const mailSenderEnv = z.object({
  DOSSIERS_TABLE: name,
  MAIL_TABLE: name,
  /** Each mail sent about a dossier is appended to its audit chain (and its chain marked for anchoring). */
  AUDIT_TABLE: name,
  AUDIT_PENDING_TABLE: name,
  /** The mail queue itself, where failed mails get a shorter wait before their next delivery. */
  QUEUE_URL: name,
  MAX_RECEIVE_COUNT: z.coerce.number().int().min(1),
  OFFICIAL_SENDER: z.email(),
  MAIL_CONFIGURATION_SET: name,
  /** Domains agency mail may go to and come from (public mail services are refused regardless). */
  AGENCY_MAIL_DOMAINS: agencyMailDomains,
  /** SSM parameter where the API stack records its id and stage (the mail stack is deployed first). */
  PUBLIC_API_PARAMETER: name,
  PUBLIC_BASE_URL: z.url().optional(),
  AWS_ENDPOINT_URL: z.url().optional(),
  AWS_REGION: z.string().default('us-east-1'),
  FAULT_INJECTION_PARAMETER: faultInjectionParameter,
});
export const mailEventsEnv = z.object({ MAIL_TABLE: name });
/** The officers' pool's custom message trigger: it links to the workspace, wherever the API is. */
export const accountMailEnv = z.object({
  /** SSM parameter where the API stack records its id and stage (a token would make the pool depend on the API). */
  PUBLIC_API_PARAMETER: name,
  PUBLIC_BASE_URL: z.url().optional(),
  AWS_ENDPOINT_URL: z.url().optional(),
  AWS_REGION: z.string().default('us-east-1'),
});
/** How many items a busy unit's counter cell is written over (readers query up to the maximum). */
const kpiCounterShards = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_KPI_COUNTER_SHARDS)
  .default(DEFAULT_KPI_COUNTER_SHARDS);
/**
 * The one counter of the Dossiers and Documents streams: the KPI counters (of both) and the work
 * queue's counts per unit (of dossiers).
 */
export const countChangesEnv = z.object({
  KPI_COUNTERS_TABLE: name,
  QUEUE_COUNTS_TABLE: name,
  DOCUMENTS_TABLE: name,
  KPI_COUNTER_SHARDS: kpiCounterShards,
});
export const aggregateKpiEnv = z.object({
  DOSSIERS_TABLE: name,
  DOCUMENTS_TABLE: name,
  REFERENCE_TABLE: name,
  KPI_TABLE: name,
  KPI_COUNTERS_TABLE: name,
  KPI_COUNTER_SHARDS: kpiCounterShards,
  /** Share of documents to be signed per tier (seeds: 80% district-level units, 60% communes). */
  SIGNING_TARGETS: jsonText(SigningTargetsSchema, 'an object of tier → share between 0 and 1').default(
    DEFAULT_SIGNING_TARGETS,
  ),
});
export const apologySweepEnv = z.object({
  ...calendarVariables,
  DOSSIERS_TABLE: name,
  AUDIT_TABLE: name,
  AUDIT_PENDING_TABLE: name,
  APOLOGY_EXTENSION_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  /** Step and lateness alerts go to the officers of the unit (by its index) through the mail queue. */
  OFFICERS_TABLE: name,
  MAIL_QUEUE_URL: name,
});

/** Where citizens reach the API: the custom domain, else the emulator's or API Gateway's own URL. */
export function publicBaseUrl(env: {
  API_ID: string;
  API_STAGE: string;
  AWS_REGION: string;
  PUBLIC_BASE_URL?: string | undefined;
  AWS_ENDPOINT_URL?: string | undefined;
}): string {
  if (env.PUBLIC_BASE_URL) return env.PUBLIC_BASE_URL.replace(/\/?$/, '/');
  if (env.AWS_ENDPOINT_URL)
    return `${env.AWS_ENDPOINT_URL.replace(/\/$/, '')}/_aws/execute-api/${env.API_ID}/${env.API_STAGE}/`;
  return `https://${env.API_ID}.execute-api.${env.AWS_REGION}.amazonaws.com/${env.API_STAGE}/`;
}
export const noEnv = z.object({});

export type EnvSchema = z.ZodObject;

/** The string environment a schema accepts: what CDK must deploy for that function. */
export type DeployedEnvironment<S extends EnvSchema> = { [K in keyof z.input<S>]: string };

const cache = new Map<EnvSchema, unknown>();

export function loadEnv<S extends EnvSchema>(schema: S): z.output<S> {
  if (!cache.has(schema)) {
    const result = schema.safeParse(process.env);
    if (!result.success) {
      const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw new Error(`Invalid function environment: ${problems.join('; ')}`);
    }
    cache.set(schema, result.data);
  }
  // why: the cache holds each schema's own parse result, which a Map cannot type per key.
  return cache.get(schema) as z.output<S>;
}

/** Webhooks: seconds between attempts after each failure (about three days in all by default). */
export const DEFAULT_WEBHOOK_RETRY_SCHEDULE = [
  5, 300, 1800, 7200, 18_000, 36_000, 36_000, 50_400, 50_400, 50_400,
];
const webhookTable = { WEBHOOKS_TABLE: name };
export const webhookDispatchEnv = z.object({
  ...webhookTable,
  DOSSIERS_TABLE: name,
  DOCUMENTS_TABLE: name,
  KPI_TABLE: name,
  DELIVERY_QUEUE_URL: name,
});
export const webhookDeliveryEnv = z.object({
  ...webhookTable,
  DELIVERY_QUEUE_URL: name,
  DELIVERY_DLQ_URL: name,
  RETRY_SCHEDULE_SECONDS: jsonText(
    z.array(z.number().int().min(1).max(86_400)).min(1),
    'a list of seconds',
  ).default(DEFAULT_WEBHOOK_RETRY_SCHEDULE),
  TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(10_000),
  /** Non-public addresses a receiver may use, over plain http too (the local test receivers); empty in AWS. */
  ALLOWED_PRIVATE_ADDRESSES: allowedPrivateAddresses,
  PUBLIC_API_PARAMETER: name,
  PUBLIC_BASE_URL: z.url().optional(),
  AWS_ENDPOINT_URL: z.url().optional(),
  AWS_REGION: z.string().default('us-east-1'),
});

export const benchFloorEnv = z.object({
  REFERENCE_TABLE: name,
  COUNTERS_TABLE: name,
  IDEMPOTENCY_TABLE: name,
  FLOOR_DOSSIERS_TABLE: name,
  ATTACHMENTS_BUCKET: name,
  QUEUE_URL: name,
});
export const auditAnchorEnv = z.object({
  AUDIT_TABLE: name,
  AUDIT_PENDING_TABLE: name,
  AUDIT_CHECKPOINTS_BUCKET: name,
  AUDIT_ANCHOR_KEY_ID: name,
  /** Chains per checkpoint; more wait for the next run, so a run's time and size stay bounded. */
  MAX_CHAINS_PER_CHECKPOINT: z.coerce.number().int().min(1).max(100_000).default(20_000),
});
