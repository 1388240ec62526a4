/**
 * Cost per million dossiers on AWS, and its floor, offline:
 *   npx tsx bench/cost.ts
 * prices the life of a typical dossier request by request (`bench/lib/dossier-life.ts`) with
 * capacity units from the sizes of the items the domain code builds, the indexes of the Dossiers
 * table, a month of scheduled work for a province, and the storage of the dossiers kept; then the
 * same for the floor (the fewest requests the features need). Prices: `bench/prices.json`.
 *
 * With a number, counts the requests of that many dossiers on a deployment made with
 * `-c countAwsCalls=true` instead (`bench/lib/cost-measured.ts`):
 *   AWS_ENDPOINT_URL=… npx tsx bench/cost.ts 30 [concurrency]
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { periodsOf } from '../shared/domain/kpi/kpi-periods.ts';
import { publishedPeriodItem } from '../shared/domain/kpi/kpi-published.ts';
import { publishedFingerprint, publishedPeriodOf, type UnitInfo } from '../shared/domain/kpi/kpi-rows.ts';
import { DEFAULT_SIGNING_TARGETS } from '../shared/domain/kpi/signing-targets.ts';
import type { DocumentSigningMode } from '../shared/domain/signing/document-signing.ts';
import { buildDossierLife, type DossierLife, floorDossier, seededAgencies } from './lib/dossier-items.ts';
import { ASSUMPTIONS, dossierLife, keptBytes, scheduledWork, type Variant } from './lib/dossier-life.ts';
import { deployedInventory, fixedBill } from './lib/fixed-costs.ts';
import { itemSize } from './lib/item-size.ts';
import {
  type Bill,
  bill,
  keptBill,
  lifeBill,
  loadPrices,
  mailBill,
  tallyMonth,
  tallySteps,
  times,
  total,
} from './lib/pricing.ts';

/**
 * A published KPI period as the aggregator writes one per open period: every unit's counts (the
 * cost model's number of units, a commune's month each).
 */
function typicalKpiPeriod(): Record<string, unknown> {
  const template = seededAgencies.find((a) => a.tier === 'commune');
  if (!template) throw new Error('The seeded registry has no commune');
  const units = new Map<string, UnitInfo>(
    Array.from({ length: ASSUMPTIONS.units }, (_, index) => {
      const code = `000.${String(index).padStart(3, '0')}.22.H56`;
      return [code, { code, name: template.name, tier: template.tier, parentCode: template.parentCode }];
    }),
  );
  const counts = {
    received: 412,
    receivedOnline: 380,
    settled: 398,
    settledEarly: 200,
    settledOnTime: 190,
    settledLate: 8,
  };
  const published = publishedPeriodOf({
    period: periodsOf(new Date('2026-11-24T03:00:00Z')).month,
    closed: false,
    aggregatedAt: '2026-11-24T10:15:00+07:00',
    units,
    flows: [...units.values()].map((unit) => ({ agencyCode: unit.code, tier: unit.tier, counts })),
    pending: new Map([...units.keys()].map((code) => [code, { pendingWithinTime: 14, pendingOverdue: 1 }])),
    procedures: new Map(
      [...units.keys()].map((code) => [
        code,
        {
          proceduresOffered: 120,
          proceduresOnline: 120,
          proceduresFullOnline: 80,
          onlineCodes: new Set<string>(),
        },
      ]),
    ),
    signingTargets: DEFAULT_SIGNING_TARGETS,
  });
  const item = publishedPeriodItem(published, publishedFingerprint(published));
  const [unit] = item.units;
  if (!unit) throw new Error('The published period has no unit');
  return {
    period: item,
    unitRow: {
      period: item.period,
      scopeKey: `agency:${unit.code}`,
      aggregatedAt: item.aggregatedAt,
      ...unit,
    },
  };
}

const usd = (value: number) => value.toFixed(2);

function sideBySide(
  title: string,
  now: Bill,
  floor: Bill,
  unit: string,
): Record<string, Record<string, string>> {
  const lines = [...new Set([...Object.keys(now), ...Object.keys(floor)])];
  const table: Record<string, Record<string, string>> = {};
  for (const line of lines)
    table[line] = { [`now (${unit})`]: usd(now[line] ?? 0), [`floor (${unit})`]: usd(floor[line] ?? 0) };
  table[`Total: ${title}`] = { [`now (${unit})`]: usd(total(now)), [`floor (${unit})`]: usd(total(floor)) };
  return table;
}

async function model() {
  const prices = loadPrices();
  const life = await buildDossierLife();
  const kpiPeriod = typicalKpiPeriod();
  const perMonth = ASSUMPTIONS.dossiersPerYear / 12;
  const result = Object.fromEntries(
    (['now', 'floor'] as Variant[]).map((variant) => [variant, price(life, variant, kpiPeriod, perMonth)]),
  ) as Record<Variant, ReturnType<typeof price>>;
  const { now, floor } = result;

  console.log(
    `Prices: ${prices.regionName} (${prices.region}), ${prices.asOf}; bench/prices.json lists each source.`,
  );
  console.log(
    `Item sizes (bytes): dossier at intake ${itemSize(life.stages.created)}, at the end ${itemSize(life.stages.feedback)} (floor: ${itemSize(floor.items.created)} and ${itemSize(floor.items.feedback)}); receipt (signed at reception) ${itemSize({ receipt: life.stages.accepted.receipt })}; KPI period item (${ASSUMPTIONS.units} units) ${itemSize(kpiPeriod)}.`,
  );
  console.log('\nThe life of one dossier, request by request (now):');
  console.table(now.steps);
  console.log('\nThe same life at the floor:');
  console.table(floor.steps);
  console.log('\nPer million dossiers: the life of each, without mail (USD)');
  console.table(sideBySide('life without mail', now.life, floor.life, 'USD/M'));
  console.log(
    `\nScheduled work for a province of ${ASSUMPTIONS.dossiersPerYear.toLocaleString('en')} dossiers a year, ${ASSUMPTIONS.units} units, ${ASSUMPTIONS.procedures} procedures: USD per month (× 12 = per million dossiers)`,
  );
  console.table(
    now.jobs.map((job, index) => ({
      job: job.name,
      'now USD/month': usd(job.usd),
      'floor USD/month': usd(floor.jobs[index]?.usd ?? 0),
    })),
  );
  console.table(sideBySide('scheduled work per month', now.month, floor.month, 'USD/month'));
  console.log(
    '\nKeeping one million dossiers: USD per month (the sweep line is the apology sweep reading them)',
  );
  console.table(sideBySide('per month per million kept', now.kept, floor.kept, 'USD/month'));
  console.log('\nMail, apart: USD per million dossiers');
  console.table(sideBySide('mail', now.mail, floor.mail, 'USD/M'));
  const perMillion = (r: typeof now) =>
    total(r.life) + total(r.month) * 12 * (1_000_000 / ASSUMPTIONS.dossiersPerYear);
  console.log(
    `\nPer million dossiers, life + scheduled work (this province): now $${usd(perMillion(now))}, floor $${usd(perMillion(floor))}; mail apart $${usd(total(now.mail))}; keeping them $${usd(total(now.kept))} a month per million now, $${usd(total(floor.kept))} at the floor.`,
  );
  // Deployments planned above the design peak sign forms and results with session keys (ADR 0012).
  const sessionSigned = (variant: Variant) =>
    price(life, variant, kpiPeriod, perMonth, 'session' satisfies DocumentSigningMode);
  const [nowSession, floorSession] = [sessionSigned('now'), sessionSigned('floor')];
  const ratio = (a: typeof now, b: typeof now) => (perMillion(a) / perMillion(b)).toFixed(3);
  console.log(
    `Documents signed with session keys (documentSigning=session), per million dossiers, life + scheduled work: now $${usd(perMillion(nowSession))}, floor $${usd(perMillion(floorSession))} (the floor signing the result with a session key too). Ratios: documentSigning=kms ${ratio(now, floor)} × this floor, ${ratio(now, floorSession)} × that one; documentSigning=session ${ratio(nowSession, floorSession)} ×.`,
  );
  const inventory = deployedInventory();
  const fixed = fixedBill(prices, inventory, ASSUMPTIONS.officersActivePerMonth);
  const fixedPerMillion = total(fixed) * 12 * (1_000_000 / ASSUMPTIONS.dossiersPerYear);
  console.log(
    "\nFixed charges of the deployment (cdk.json's settings), USD per month whatever the volume; the floor needs the same:",
  );
  console.table(
    Object.fromEntries(Object.entries(fixed).map(([line, value]) => [line, { 'USD/month': usd(value) }])),
  );
  console.log(
    `Fixed charges: $${usd(total(fixed))} a month, $${usd(fixedPerMillion)} per million dossiers at ${ASSUMPTIONS.dossiersPerYear.toLocaleString('en')} a year; with them, life + scheduled work + fixed: now $${usd(perMillion(now) + fixedPerMillion)}, floor $${usd(perMillion(floor) + fixedPerMillion)} per million dossiers.`,
  );
  console.log(
    `DynamoDB requests per dossier (now): ${JSON.stringify(now.tally.dynamoRequests)}; units: ${now.tally.readUnits} read, ${now.tally.writeUnits} write + ${now.tally.indexWriteUnits} index write.`,
  );
  console.log(
    `DynamoDB requests per dossier (floor): ${JSON.stringify(floor.tally.dynamoRequests)}; units: ${floor.tally.readUnits} read, ${floor.tally.writeUnits} write + ${floor.tally.indexWriteUnits} index write.`,
  );

  mkdirSync('bench/results', { recursive: true });
  const date = new Date().toISOString();
  writeFileSync(
    `bench/results/cost-model-${date.replace(/[:.]/g, '-')}.json`,
    `${JSON.stringify({ date, prices: { region: prices.region, asOf: prices.asOf }, assumptions: ASSUMPTIONS, result, inventory, fixed }, null, 2)}\n`,
  );

  function price(
    dossier: DossierLife,
    variant: Variant,
    row: Record<string, unknown>,
    dossiersPerMonth: number,
    documentSigning: DocumentSigningMode = 'kms',
  ) {
    const steps = dossierLife(dossier, variant, documentSigning);
    const tally = tallySteps(steps);
    const jobs = scheduledWork(dossier, variant, row);
    const monthTally = tallyMonth(jobs);
    const sweep = jobs.reduce((sum, job) => sum + (job.readUnitsPerMillionKept ?? 0) * job.runs, 0);
    const million = (b: Bill) => times(b, 1_000_000);
    const items = variant === 'floor' ? floorItems(dossier) : dossier.stages;
    return {
      items,
      tally,
      steps: steps.map((step) => {
        const t = tallySteps([{ ...step, times: 1 }]);
        return {
          request: step.name,
          times: step.times,
          'DynamoDB requests': Object.values(t.dynamoRequests).reduce((s, n) => s + n, 0),
          RRU: t.readUnits,
          WRU: t.writeUnits,
          'index WRU': t.indexWriteUnits,
          'S3/KMS/SQS': `${t.s3Put + t.s3Get}/${t.kmsSign}/${t.sqsRequests}`,
          'USD/M': usd(total(million(lifeBill(prices, [step])))),
        };
      }),
      life: million(lifeBill(prices, steps)),
      mail: million(mailBill(prices, steps)),
      jobs: jobs.map((job) => ({ name: job.name, usd: total(bill(prices, tallyMonth([job]))) })),
      month: bill(prices, monthTally),
      kept: keptBill(prices, keptBytes(dossier, variant), sweep),
      dossiersPerMonth,
    };
  }
}

function floorItems(dossier: DossierLife) {
  return Object.fromEntries(
    Object.entries(dossier.stages).map(([name, item]) => [name, floorDossier(item)]),
  ) as DossierLife['stages'];
}

if (process.argv[2] !== undefined) {
  await import('./lib/cost-measured.ts');
} else {
  await model();
}
