import { createHash } from 'node:crypto';
import * as z from 'zod';
import { PublishedPeriodItemSchema, publishedPeriodOfItem } from '../kpi/kpi-published.ts';
import { flowCountsOf, rowsOfPublished } from '../kpi/kpi-rows.ts';
import type { KpiRow } from '../kpi/kpi-schema.ts';
import { DOSSIER_STATUSES } from '../lifecycle/dossier-status.ts';
import { DossierStatusSchema } from '../lifecycle/status-schemas.ts';
import type { WebhookEventType } from './webhook-events.ts';

/** One event for one agency: only ids, states, sync codes and links, never an applicant's data. */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  agencyCode: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** What the events read of a dossier's stream image; an image without these fields means no event. */
const DossierImageSchema = z.looseObject({
  dossierCode: z.string(),
  status: DossierStatusSchema,
  currentAgencyCode: z.string(),
  procedure: z.looseObject({ code: z.string() }),
  /** Absent until the one-stop desk receives the dossier. */
  dueAt: z.string().optional(),
  version: z.number(),
  receivedAt: z.string().optional(),
  history: z.array(z.looseObject({ at: z.string() })).optional(),
  // A process that does not read as one announces no step, but the dossier's other events still go.
  process: z
    .looseObject({
      active: z.array(
        z.looseObject({
          step: z.string(),
          name: z.looseObject({ vi: z.string(), en: z.string() }),
          unit: z.looseObject({ code: z.string(), name: z.string() }),
          startedAt: z.string(),
          dueAt: z.string(),
          overdueAlertedAt: z.string().nullish(),
        }),
      ),
    })
    .optional()
    .catch(undefined),
});
type DossierImage = z.infer<typeof DossierImageSchema>;
type ActiveStepImage = NonNullable<DossierImage['process']>['active'][number];

/**
 * A step whose overdue alert was recorded by this change (the deadline sweep sets `overdueAlertedAt`
 * once per step): announced to the unit holding the step. A step reopened later alerts again, so the
 * step's start is part of what identifies it.
 */
function stepOverdueEvents(before: DossierImage | undefined, after: DossierImage): WebhookEvent[] {
  const alerted = new Set(
    (before?.process?.active ?? [])
      .filter((step) => step.overdueAlertedAt)
      .map((step) => `${step.step}|${step.startedAt}`),
  );
  const fresh = (after.process?.active ?? []).filter(
    (step) => step.overdueAlertedAt && !alerted.has(`${step.step}|${step.startedAt}`),
  );
  return fresh.map((step: ActiveStepImage) => ({
    id: `evt_${after.dossierCode}_${after.version}_step_overdue_${step.step}`,
    type: 'dossier.step_overdue',
    agencyCode: step.unit.code,
    occurredAt: step.overdueAlertedAt ?? after.history?.at(-1)?.at ?? new Date().toISOString(),
    data: {
      dossierCode: after.dossierCode,
      procedureCode: after.procedure.code,
      stepCode: step.step,
      stepName: { vi: step.name.vi, en: step.name.en },
      holder: { code: step.unit.code, name: step.unit.name },
      stepDueAt: step.dueAt,
      ...(after.dueAt ? { dueAt: after.dueAt } : {}),
    },
  }));
}

function dossierData(dossier: DossierImage) {
  return {
    dossierCode: dossier.dossierCode,
    status: dossier.status,
    syncCode: DOSSIER_STATUSES[dossier.status].syncCode,
    procedureCode: dossier.procedure.code,
    agencyCode: dossier.currentAgencyCode,
    ...(dossier.dueAt ? { dueAt: dossier.dueAt } : {}),
  };
}

/**
 * The events a dossier change means, from the table stream's old and new images. Ids are fixed by
 * the dossier and its version, so a stream redelivery produces the same ids (receivers dedupe on them).
 */
export function dossierEvents(beforeImage: unknown, afterImage: unknown): WebhookEvent[] {
  const before = DossierImageSchema.safeParse(beforeImage).data;
  const after = DossierImageSchema.safeParse(afterImage).data;
  if (!after) return [];
  const occurredAt = after.history?.at(-1)?.at ?? after.receivedAt ?? new Date().toISOString();
  const event = (type: WebhookEventType): WebhookEvent => ({
    id: `evt_${after.dossierCode}_${after.version}_${type}`,
    type,
    agencyCode: after.currentAgencyCode,
    occurredAt,
    data: dossierData(after),
  });
  if (!before) return [event('dossier.received'), ...stepOverdueEvents(undefined, after)];
  const overdue = stepOverdueEvents(before, after);
  if (before.status === after.status && before.currentAgencyCode === after.currentAgencyCode) return overdue;
  const events = [event('dossier.status_changed')];
  if (after.status === 'supplement_requested') events.push(event('dossier.supplement_requested'));
  if (after.status === 'done' && before.status !== 'done') events.push(event('dossier.result_ready'));
  return [...events, ...overdue];
}

/** What the events read of a document copy's stream image. */
const CopyImageSchema = z.looseObject({
  id: z.string(),
  documentId: z.string(),
  recipient: z.looseObject({ organId: z.string() }),
  senderOrganId: z.string(),
  state: z.string(),
  kind: z.string(),
  acks: z
    .record(z.string(), z.looseObject({ receivedAt: z.string(), status: z.unknown(), code: z.unknown() }))
    .optional(),
  steps: z.array(z.looseObject({ status: z.string(), at: z.string() })).optional(),
});

/** A document copy arriving (for the recipient) and status messages coming back (for the sender). */
export function documentEvents(beforeImage: unknown, afterImage: unknown): WebhookEvent[] {
  const before = CopyImageSchema.safeParse(beforeImage).data;
  const after = CopyImageSchema.safeParse(afterImage).data;
  if (!after?.recipient) return [];
  const events: WebhookEvent[] = [];
  if (before?.state === 'sent' && after.state === 'arrived') {
    const at = after.steps?.find((step) => step.status === 'arrived')?.at ?? new Date().toISOString();
    events.push({
      id: `evt_${after.id}_${after.recipient.organId}_arrived`,
      type: 'document.arrived',
      agencyCode: after.recipient.organId,
      occurredAt: at,
      data: { id: after.id, documentId: after.documentId, kind: after.kind, from: after.senderOrganId },
    });
  }
  const seen = new Set(Object.keys(before?.acks ?? {}));
  for (const [statusId, ack] of Object.entries(after.acks ?? {})) {
    if (seen.has(statusId)) continue;
    events.push({
      id: `evt_${statusId.replace(/[^A-Za-z0-9_.-]/g, '_')}`,
      type: 'document.acknowledgement_received',
      agencyCode: after.senderOrganId,
      occurredAt: ack.receivedAt,
      data: {
        id: after.id,
        documentId: after.documentId,
        from: after.recipient.organId,
        status: ack.status,
        statusCode: ack.code,
      },
    });
  }
  return events;
}

/**
 * Seconds before the next attempt: the schedule's step for this attempt with ±10 % jitter, or the
 * receiver's Retry-After when it asks for longer. Undefined when the schedule is spent.
 */
export function nextRetryDelaySeconds(
  failedAttempts: number,
  schedule: readonly number[],
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  const step = schedule[failedAttempts - 1];
  if (step === undefined) return undefined;
  const jittered = Math.max(1, Math.round(step * (0.9 + 0.2 * random())));
  return Math.max(jittered, retryAfterSeconds ?? 0);
}

/** `Retry-After` as seconds or an HTTP date; capped at a day so a receiver cannot park a delivery forever. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - now.getTime()) / 1000;
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(Math.ceil(seconds), 86_400) : undefined;
}

/** How much of a receiver's successful answer a delivery log keeps. */
export const RESPONSE_EXCERPT_CHARS = 200;

/**
 * What the deliveries listing shows of one attempt: status and timing, at most a short excerpt of a
 * 2xx body, nothing of any other body (a receiver's error page can be an internal server's reply).
 * Applied when listing too, so attempts recorded under older rules show no more than this.
 */
export function listedAttempt<T extends { status?: number; response?: string | number }>(attempt: T): T {
  if (attempt.status === undefined || attempt.response === undefined) return attempt;
  const { response, ...rest } = attempt;
  const success = attempt.status >= 200 && attempt.status < 300;
  // why: dropping or trimming `response` keeps the shape of T, which TypeScript cannot follow through a rest spread.
  return (success ? { ...rest, response: String(response).slice(0, RESPONSE_EXCERPT_CHARS) } : rest) as T;
}

/**
 * Events of a change on the KPI table's stream, whose items are published periods (every unit's
 * counts) and the aggregator's bookkeeping (the last closed day, fingerprints, drift records), which
 * hold no counts and announce nothing. Each unit whose day changed is one event.
 */
export function kpiStreamEvents(before: unknown, after: unknown): WebhookEvent[] {
  const rows = (image: unknown) => {
    const item = PublishedPeriodItemSchema.safeParse(image).data;
    return item ? rowsOfPublished(publishedPeriodOfItem(item)) : [];
  };
  const previous = new Map(rows(before).map((row) => [row.scopeKey, row]));
  return rows(after).flatMap((row) => kpiEvents(previous.get(row.scopeKey), row));
}

type PublishedRow = Pick<KpiRow, 'period' | 'granularity' | 'scope' | 'indicators' | 'counts'>;

/**
 * A unit's daily indicators, published when the aggregator changes them (not when it rewrites them
 * unchanged, nor for a unit that had nothing yet). Province, tier and longer periods are read with GET /kpi.
 */
export function kpiEvents(before: PublishedRow | undefined, after: PublishedRow | undefined): WebhookEvent[] {
  if (after?.scope.kind !== 'agency' || after.granularity !== 'day') return [];
  const counts = flowCountsOf(after.counts);
  const unchanged = (old: PublishedRow) =>
    JSON.stringify(flowCountsOf(old.counts)) === JSON.stringify(counts);
  if (before ? unchanged(before) : Object.values(counts).every((value) => value === 0)) return [];
  const agencyCode = after.scope.code;
  const digest = createHash('sha256').update(JSON.stringify(counts)).digest('hex').slice(0, 16);
  return [
    {
      id: `evt_kpi_${agencyCode}_${after.period}_${digest}`,
      type: 'kpi.published',
      agencyCode,
      occurredAt: new Date().toISOString(),
      data: {
        agencyCode,
        day: after.period,
        ...counts,
        onTimeRate: after.indicators.onTimeRate,
        onlineRate: after.indicators.onlineRate,
        signedRate: after.indicators.signedRate,
      },
    },
  ];
}
