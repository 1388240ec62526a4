import type { App } from 'aws-cdk-lib';
import * as z from 'zod';
import { DEFAULT_WEBHOOK_RETRY_SCHEDULE } from '../shared/config/env.ts';
import { type Tier, tiersOf } from '../shared/domain/agencies/tiers.ts';
import { type FaultRates, FaultRatesSchema } from '../shared/domain/common/faults.ts';
import { kpiCounterShardsFor, MAX_KPI_COUNTER_SHARDS } from '../shared/domain/kpi/counter-shards.ts';
import { DEFAULT_SIGNING_TARGETS, SigningTargetsSchema } from '../shared/domain/kpi/signing-targets.ts';
import {
  DOCUMENT_SIGNING_MODES,
  type DocumentSigningMode,
  documentSigningFor,
} from '../shared/domain/signing/document-signing.ts';
import {
  type SigningKeyGeneration,
  SigningKeyGenerationsSchema,
} from '../shared/domain/signing/signing-keys.ts';

/** A structured setting: cdk.json gives the value itself, `-c key='…'` gives it as JSON text. */
function jsonContext<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => (typeof value === 'string' ? JSON.parse(value) : value), schema);
}

/**
 * The peak the throttles are sized for: the deadline-day peak of the largest province the platform
 * targets, 2 million dossiers a year (docs/capacity-throttles.md, "Demand").
 */
export const DESIGN_PEAK_DOSSIERS_PER_SECOND = 4.5;

/** Deployment settings, from cdk.json's context or `-c key=value`. */
const DeploymentContextSchema = z.object({
  tierProfile: z.string().default('four-tier-2016'),
  officialMailDomain: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)
    .default('motcua.thanhhoa.gov.vn'),
  stackPrefix: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]*$/)
    .default('MotCua'),
  uploadCorsOrigins: z.string().default('*'),
  kpiSchedule: z.string().default('rate(15 minutes)'),
  kpiCounterShards: z.coerce.number().int().min(1).max(MAX_KPI_COUNTER_SHARDS).optional(),
  documentSigning: z.enum(DOCUMENT_SIGNING_MODES).optional(),
  routingVisibilityTimeoutSeconds: z.coerce.number().int().min(10).max(43200).default(60),
  lateSweepSchedule: z.string().default('rate(15 minutes)'),
  auditAnchorSchedule: z.string().default('rate(1 hour)'),
  auditCheckpointRetentionDays: z.coerce.number().int().min(1).max(36_500).default(3650),
  apologyExtensionWorkingDays: z.coerce.number().int().min(1).max(60).default(3),
  calendarCacheSeconds: z.coerce.number().int().min(0).max(3600).default(300),
  signingKeys: jsonContext(SigningKeyGenerationsSchema).default([{ id: 'k1', validFrom: '2026-01-01' }]),
  signingTargets: jsonContext(SigningTargetsSchema).default(DEFAULT_SIGNING_TARGETS),
  webhookRetrySchedule: jsonContext(z.array(z.number().int().min(1).max(86_400)).min(1)).default(
    DEFAULT_WEBHOOK_RETRY_SCHEDULE,
  ),
  webhookTimeoutMs: z.coerce.number().int().min(100).max(30_000).default(10_000),
  webhookAllowedPrivateAddresses: jsonContext(z.array(z.ipv4().or(z.ipv6()))).default([]),
  officerThreatProtection: z
    .preprocess((value) => (typeof value === 'string' ? value === 'true' : value), z.boolean())
    .default(true),
  lookupThrottleExemptSources: jsonContext(z.array(z.ipv4().or(z.ipv6()))).default([]),
  webAcl: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')])
    .default(true),
  faultInjection: jsonContext(FaultRatesSchema).optional(),
  tracing: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')])
    .default(true),
  alarmEmail: z.email().optional(),
  alarms: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')])
    .default(true),
  plannedPeakDossiersPerSecond: z.coerce
    .number()
    .positive()
    .max(100_000)
    .default(DESIGN_PEAK_DOSSIERS_PER_SECOND),
});

export interface DeploymentConfig {
  tiers: readonly Tier[];
  tierProfile: string;
  officialMailDomain: string;
  officialSender: string;
  /** SSM parameter naming the public API (id and stage), written by the API stack, read by mail. */
  publicApiParameter: string;
  stackPrefix: string;
  uploadCorsOrigins: string[];
  kpiSchedule: string;
  /**
   * Items each KPI counter cell is written over, so a busy unit's day is not one hot key: set by
   * `-c kpiCounterShards`, else from the planned peak (`kpiCounterShardsFor`). Safe to change either
   * way, since readers query every shard up to the maximum.
   */
  kpiCounterShards: number;
  /**
   * How forms, signed results and apology letters are signed: `-c documentSigning=kms|session`, else
   * from the planned peak (`documentSigningFor`): by KMS at or below the design peak, by session keys
   * above it, where the scaled form throttles would pass KMS's signing quota.
   */
  documentSigning: DocumentSigningMode;
  /** How long a failed routing message waits before its next attempt; tests shorten it. */
  routingVisibilityTimeoutSeconds: number;
  /** How often late dossiers are looked for, and how many working days a drafted form 04 proposes. */
  lateSweepSchedule: string;
  apologyExtensionWorkingDays: number;
  /** How long a function keeps the working calendar before reading the decisions' entries again. */
  calendarCacheSeconds: number;
  /** How often the audit chains' heads are signed into a checkpoint. */
  auditAnchorSchedule: string;
  /** Days each checkpoint is kept under Object Lock in compliance mode (ten years by default). */
  auditCheckpointRetentionDays: number;
  /** Signing key generations, oldest first; the last one signs, the others only verify. */
  signingKeys: SigningKeyGeneration[];
  /** Share of documents each tier's units must sign (seeds: 80% district-level, 60% communes). */
  signingTargets: Record<string, number>;
  /** Seconds between webhook attempts after each failure (about three days by default). */
  webhookRetrySchedule: number[];
  webhookTimeoutMs: number;
  /** Non-public addresses webhook receivers may use (plain http too); empty in AWS, loopback for local tests. */
  webhookAllowedPrivateAddresses: string[];
  /**
   * Cognito Plus with threat protection enforced (compromised credentials, risky sign-ins) for the
   * officers' pool; a province that does not buy the plan opts out with `-c officerThreatProtection=false`.
   */
  officerThreatProtection: boolean;
  /**
   * Sources the per-source lookup lockout skips: in the emulator every test shares 127.0.0.1, and
   * deliberate wrong secrets of one test file must not lock out the next. Empty in AWS.
   */
  lookupThrottleExemptSources: string[];
  /** The WAF web ACL on the public API: on in AWS, off in the emulator, which cannot associate one. */
  webAcl: boolean;
  /**
   * Fault runs only: the initial failure rates of the queue handlers, kept in an SSM parameter the
   * run may change. Absent by default, and never given to a production deployment.
   */
  faultInjection?: FaultRates | undefined;
  faultInjectionParameter: string;
  /** X-Ray active tracing of every function: on in AWS, off in the emulator, which has no X-Ray. */
  tracing: boolean;
  /** Where alarm notifications are mailed (an SNS e-mail subscription); none when absent. */
  alarmEmail?: string | undefined;
  /**
   * The monitoring stack's alarms: on in AWS, off in the emulator, which refuses alarms in the
   * metric-query form (`Metrics`) that labelled metrics need; its dashboard and topic stay.
   */
  alarms: boolean;
  /**
   * The dossiers a second the deployment must take at its peak; the API's stage and method throttles
   * scale from those sized for the design peak (docs/capacity-throttles.md).
   */
  plannedPeakDossiersPerSecond: number;
}

export function deploymentConfig(app: App): DeploymentConfig {
  const read = (key: string): unknown => app.node.tryGetContext(key);
  const context = DeploymentContextSchema.parse({
    tierProfile: read('tierProfile'),
    officialMailDomain: read('officialMailDomain'),
    stackPrefix: read('stackPrefix'),
    uploadCorsOrigins: read('uploadCorsOrigins'),
    kpiSchedule: read('kpiSchedule'),
    kpiCounterShards: read('kpiCounterShards'),
    documentSigning: read('documentSigning'),
    routingVisibilityTimeoutSeconds: read('routingVisibilityTimeoutSeconds'),
    lateSweepSchedule: read('lateSweepSchedule'),
    apologyExtensionWorkingDays: read('apologyExtensionWorkingDays'),
    calendarCacheSeconds: read('calendarCacheSeconds'),
    auditAnchorSchedule: read('auditAnchorSchedule'),
    auditCheckpointRetentionDays: read('auditCheckpointRetentionDays'),
    signingKeys: read('signingKeys'),
    signingTargets: read('signingTargets'),
    webhookRetrySchedule: read('webhookRetrySchedule'),
    webhookTimeoutMs: read('webhookTimeoutMs'),
    webhookAllowedPrivateAddresses: read('webhookAllowedPrivateAddresses'),
    officerThreatProtection: read('officerThreatProtection'),
    lookupThrottleExemptSources: read('lookupThrottleExemptSources'),
    webAcl: read('webAcl'),
    faultInjection: read('faultInjection'),
    tracing: read('tracing'),
    alarmEmail: read('alarmEmail'),
    alarms: read('alarms'),
    plannedPeakDossiersPerSecond: read('plannedPeakDossiersPerSecond'),
  });
  return {
    ...context,
    tiers: tiersOf(context.tierProfile),
    officialSender: `no-reply@${context.officialMailDomain}`,
    publicApiParameter: `/${context.stackPrefix.toLowerCase()}/public-api`,
    faultInjectionParameter: `/${context.stackPrefix.toLowerCase()}/fault-injection`,
    uploadCorsOrigins: context.uploadCorsOrigins.split(',').map((origin) => origin.trim()),
    kpiCounterShards: context.kpiCounterShards ?? kpiCounterShardsFor(context.plannedPeakDossiersPerSecond),
    documentSigning:
      context.documentSigning ??
      documentSigningFor(context.plannedPeakDossiersPerSecond, DESIGN_PEAK_DOSSIERS_PER_SECOND),
  };
}
