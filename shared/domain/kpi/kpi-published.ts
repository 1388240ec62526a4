import * as z from 'zod';
import { recordOf } from '../common/keys.ts';
import { TierSchema } from '../intake/catalog.ts';
import { KPI_COUNT_NAMES } from './kpi.ts';
import type { PublishedPeriod } from './kpi-rows.ts';

/** The sort key of a period's one published item. */
export const PUBLISHED_SCOPE_KEY = 'counts';

/**
 * A published period as stored: the names of the counts once, then each unit's counts as a list in
 * that order. An item written before a count was added reads it as 0, one written after a count was
 * removed keeps it unread, so the order in code may change without rewriting the table.
 */
export const PublishedPeriodItemSchema = z.looseObject({
  period: z.string(),
  scopeKey: z.literal(PUBLISHED_SCOPE_KEY),
  closed: z.boolean(),
  aggregatedAt: z.string(),
  fingerprint: z.string(),
  signingTargets: z.record(z.string(), z.number()),
  countNames: z.array(z.string()),
  units: z.array(
    z.looseObject({
      code: z.string(),
      name: z.string(),
      tier: TierSchema,
      parentCode: z.string().optional(),
      counts: z.array(z.number()),
      steps: z.record(z.string(), z.number()).optional(),
    }),
  ),
});
export type PublishedPeriodItem = z.infer<typeof PublishedPeriodItemSchema>;

export function publishedPeriodItem(published: PublishedPeriod, fingerprint: string): PublishedPeriodItem {
  return {
    period: published.period,
    scopeKey: PUBLISHED_SCOPE_KEY,
    closed: published.closed,
    aggregatedAt: published.aggregatedAt,
    fingerprint,
    signingTargets: published.signingTargets,
    countNames: [...KPI_COUNT_NAMES],
    units: published.units.map(({ unit, counts, steps }) => ({
      code: unit.code,
      name: unit.name,
      tier: unit.tier,
      ...(unit.parentCode ? { parentCode: unit.parentCode } : {}),
      counts: KPI_COUNT_NAMES.map((name) => counts[name]),
      ...(Object.keys(steps).length > 0 ? { steps } : {}),
    })),
  };
}

export function publishedPeriodOfItem(item: PublishedPeriodItem): PublishedPeriod {
  const position = new Map(item.countNames.map((name, index) => [name, index]));
  return {
    period: item.period,
    closed: item.closed,
    aggregatedAt: item.aggregatedAt,
    signingTargets: item.signingTargets,
    units: item.units.map((unit) => ({
      unit: {
        code: unit.code,
        name: unit.name,
        tier: unit.tier,
        ...(unit.parentCode ? { parentCode: unit.parentCode } : {}),
      },
      counts: recordOf(KPI_COUNT_NAMES, (name) => unit.counts[position.get(name) ?? -1] ?? 0),
      steps: unit.steps ?? {},
    })),
  };
}
