import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { readProcessFile } from '../../../scripts/lib/process-file.ts';
import type { AgencyRecord, Procedure } from '../../../shared/contracts/catalog.ts';
import { TIER_PROFILES } from '../../../shared/domain/agencies/tiers.ts';
import {
  parseBudget,
  parseUnit,
  processSourcesFromCsv,
  processSourcesFromJson,
} from '../../../shared/domain/process/process-import.ts';
import { validateProcesses } from '../../../shared/domain/process/process-validation.ts';

/** The steps of a definition as the reader left them, before the definition's own schema checks them. */
const StepsRead = z.object({ steps: z.array(z.record(z.string(), z.unknown())) });

const fixture = (name: string) => new URL(`../../fixtures/${name}`, import.meta.url).pathname;
const seed = <T>(name: string) =>
  JSON.parse(readFileSync(new URL(`../../../scripts/seed-data/${name}`, import.meta.url), 'utf8')) as T;
const context = {
  agencies: seed<AgencyRecord[]>('agencies.json'),
  procedures: seed<Procedure[]>('procedures.json'),
  tiers: TIER_PROFILES['four-tier-2016'],
};

describe('process files: CSV cells', () => {
  it('reads budgets in Vietnamese, in the schema’s units and as shares, with a decimal comma', () => {
    expect(parseBudget('0.5 ngày')).toEqual({ amount: 0.5, unit: 'working_days' });
    expect(parseBudget('0,5 ngày làm việc')).toEqual({ amount: 0.5, unit: 'working_days' });
    expect(parseBudget('4 giờ')).toEqual({ amount: 4, unit: 'working_hours' });
    expect(parseBudget('4 Giờ làm việc')).toEqual({ amount: 4, unit: 'working_hours' });
    expect(parseBudget('0.5 working_days')).toEqual({ amount: 0.5, unit: 'working_days' });
    expect(parseBudget('share:0.1')).toEqual({ amount: 0.1, unit: 'share' });
    expect(parseBudget('năm ngày')).toBeUndefined();
    expect(parseBudget('3 tuần')).toBeUndefined();
    expect(parseBudget('')).toBeUndefined();
  });

  it('reads unit references', () => {
    expect(parseUnit('receiving')).toBe('receiving');
    expect(parseUnit(' parent ')).toBe('parent');
    expect(parseUnit('agency:000.00.13.H56')).toEqual({ agency: '000.00.13.H56' });
    expect(parseUnit('tier:province')).toEqual({ tier: 'province' });
    expect(parseUnit('agency:')).toBe('agency:');
  });

  it('groups the rows of a process, keeping each step’s editor line', () => {
    const sources = readProcessFile(fixture('processes.csv'));
    expect(sources.map((source) => [source.line, source.stepLines])).toEqual([
      [2, [2, 3, 4, 5, 6, 7]],
      [8, [8, 9, 10, 11]],
    ]);
    const [first, second] = sources;
    expect(first?.values).toMatchObject({
      code: 'QT-HKD',
      name: 'Quy trình đăng ký hộ kinh doanh',
      procedureCodes: ['1.001612.000.00.00.H56'],
    });
    const { steps } = StepsRead.parse(first?.values);
    expect(steps[0]).toMatchObject({
      code: 'TIEP_NHAN',
      name: 'Tiếp nhận, chuyển phòng chuyên môn',
      nameEn: 'Reception',
      budget: { amount: 0.5, unit: 'working_days' },
      actions: ['forward', 'assign'],
      next: ['THAM_DINH'],
      preconditions: ['documents_complete'],
    });
    expect(steps[3]).toMatchObject({
      join: false,
      sendBackTo: ['THAM_DINH', 'XEM_XET'],
      produces: 'signed_result',
    });
    const { steps: joined } = StepsRead.parse(second?.values);
    expect(joined[2]?.unit).toEqual({ tier: 'province' });
    expect(joined[3]).toMatchObject({ join: true, budget: { amount: 0.45, unit: 'share' } });
  });

  it('accepts the well-formed CSV against the seeded catalog and registry', () => {
    const { definitions, issues } = validateProcesses(readProcessFile(fixture('processes.csv')), context);
    expect(issues).toEqual([]);
    expect(definitions.map((definition) => definition.code)).toEqual(['QT-HKD', 'QT-LIEN-THONG']);
  });

  it('reports every problem of a CSV file by the line of the row to fix, field and reason', () => {
    const { definitions, issues } = validateProcesses(
      readProcessFile(fixture('processes-with-errors.csv')),
      context,
    );
    expect(definitions).toEqual([]);
    expect(issues.map((issue) => [issue.line, issue.field])).toEqual([
      [8, 'steps[1].budget'],
      [7, 'steps[0].role'],
      [2, 'procedureCodes[1]'],
      [5, 'steps[3].next[1]'],
      [4, 'steps[2].sendBackTo[0]'],
      [2, 'steps'],
      [4, 'steps[2].unit'],
    ]);
    for (const issue of issues) {
      expect(issue.reason.vi.length).toBeGreaterThan(0);
      expect(issue.reason.en.length).toBeGreaterThan(0);
    }
    expect(issues[0]?.reason.vi).toContain('"năm ngày"');
    expect(issues[1]?.reason.en).toContain('"thu_ky"');
    expect(issues[5]?.reason.vi).toContain('thiếu 4 giờ làm việc');
  });
});

describe('process files: JSON', () => {
  it('numbers each definition by its position', () => {
    const sources = processSourcesFromJson([{ code: 'A' }, { code: 'B' }]);
    expect(sources.map((source) => source.line)).toEqual([1, 2]);
  });

  it('refuses a file that is not an array', () => {
    expect(() => processSourcesFromJson({ code: 'A' })).toThrow(/array/);
  });

  it('reads the sample definitions the seed imports, and they are valid', () => {
    const sources = readProcessFile(
      new URL('../../../scripts/seed-data/processes.json', import.meta.url).pathname,
    );
    expect(validateProcesses(sources, context).issues).toEqual([]);
  });

  it('gives a CSV row without a process code its own group, refused by the schema', () => {
    const sources = processSourcesFromCsv([{ line: 2, values: { stepCode: 'A', budget: '1 ngày' } }]);
    const { issues } = validateProcesses(sources, context);
    expect(issues.map((issue) => issue.field)).toContain('code');
  });
});
