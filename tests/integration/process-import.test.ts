import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { output } from '../../scripts/lib/outputs.ts';
import { importProcesses, readProcessFile } from '../../scripts/lib/process-file.ts';
import { publishProcesses, ReferenceProcessCatalog } from '../../shared/adapters/process-catalog.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { tiersOf } from '../../shared/domain/agencies/tiers.ts';
import {
  type ProcessDefinition,
  ProcessDefinitionSchema,
} from '../../shared/domain/process/process-definition.ts';
import { dataOutput, outputs } from '../support/deployment.ts';

const SAMPLES = new URL('../../scripts/seed-data/processes.json', import.meta.url).pathname;
const HKD = '1.001612.000.00.00.H56';

describe('operators import internal process definitions', () => {
  const table = () => dataOutput('ReferenceTableName');
  const store = () => new ReferenceStore(table());
  const catalog = () => new ReferenceProcessCatalog(table());
  const tiers = () => tiersOf(output(outputs, 'Routing', 'TierProfile'));
  const samples = () => ProcessDefinitionSchema.array().parse(readProcessFile(SAMPLES).map((s) => s.values));
  const file = (name: string, definitions: readonly unknown[]) => {
    const target = path.join(mkdtempSync(path.join(tmpdir(), 'processes-')), name);
    writeFileSync(target, JSON.stringify(definitions));
    return target;
  };
  const procedure = async (code: string) => {
    const found = await store().getProcedure(code);
    if (!found) throw new Error(`the seeded catalog has no ${code}`);
    return found;
  };

  it('publishes nothing when one definition is wrong', async () => {
    const before = await catalog().activeVersion();
    const [first, second] = samples();
    const broken = {
      ...second,
      steps: second?.steps.map((step, at) => (at === 1 ? { ...step, role: 'thu_ky' } : step)),
    };
    const result = await importProcesses(
      store(),
      table(),
      readProcessFile(file('broken.json', [first, broken])),
      tiers(),
    );
    expect(result.issues).toEqual([expect.objectContaining({ line: 2, field: 'steps[1].role' })]);
    expect(result.version).toBeUndefined();
    expect(await catalog().activeVersion()).toBe(before);
  });

  it('publishes a valid file as the next process set; the procedures follow it at once', async () => {
    const before = await catalog().activeVersion();
    const result = await importProcesses(store(), table(), readProcessFile(SAMPLES), tiers());
    expect(result.issues).toEqual([]);
    expect(result.version).toBe(before + 1);
    expect(await catalog().activeVersion()).toBe(before + 1);
    const process = await catalog().forProcedure(await procedure(HKD));
    expect(process).toMatchObject({ code: 'QT-HKD-HUYEN', version: before + 1 });
    expect(process.steps.map((step) => step.code)).toEqual(samples()[0]?.steps.map((step) => step.code));
  });

  it('never rewrites an earlier set: a dossier pinned to it keeps reading the definition it started with', async () => {
    await importProcesses(store(), table(), readProcessFile(SAMPLES), tiers());
    const pinned = await catalog().activeVersion();
    const renamed = samples().map((definition) => ({ ...definition, name: `${definition.name} (sửa đổi)` }));
    const next = await publishProcesses(table(), renamed);
    expect(next).toBe(pinned + 1);
    expect((await catalog().version({ code: 'QT-HKD-HUYEN', version: pinned }))?.name).toBe(
      samples()[0]?.name,
    );
    expect((await catalog().version({ code: 'QT-HKD-HUYEN', version: next }))?.name).toMatch(/sửa đổi/);
    expect((await catalog().forProcedure(await procedure(HKD))).version).toBe(next);
  });

  it('never mixes two imports started together: the set in force is one of them, whole', async () => {
    const before = await catalog().activeVersion();
    const [hkd, lienThong] = samples() as [ProcessDefinition, ProcessDefinition];
    const setA = [{ ...hkd, name: 'Bộ A' }];
    const setB = [{ ...hkd, name: 'Bộ B' }, lienThong];
    const outcomes = await Promise.allSettled([
      publishProcesses(table(), setA),
      publishProcesses(table(), setB),
    ]);
    const versions = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    expect(versions.length).toBeGreaterThanOrEqual(1);
    expect(new Set(versions).size).toBe(versions.length);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') expect(String(outcome.reason)).toMatch(/Another process import/);
    const active = await catalog().activeVersion();
    expect(active).toBe(before + versions.length);
    const served = await catalog().forProcedure(await procedure(HKD));
    const winner = outcomes[1].status === 'fulfilled' && outcomes[1].value === active ? 'Bộ B' : 'Bộ A';
    expect(served.name).toBe(winner);
    // Set A names no process for the liên thông procedure: it falls back to its tier's default.
    const other = await catalog().forProcedure(await procedure('1.004227.000.00.00.H56'));
    expect(other.code).toEqual(
      winner === 'Bộ B' ? 'QT-DAT-DAI-LIEN-THONG' : expect.stringMatching(/^MAC-DINH-/),
    );
    // Leave the samples in force for the tests that follow.
    expect((await importProcesses(store(), table(), readProcessFile(SAMPLES), tiers())).issues).toEqual([]);
  });
});
