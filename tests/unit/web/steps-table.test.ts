import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pageScript } from '../../../infra/web-pages.ts';
import { stepLines } from '../../../web/src/steps-table.ts';

const kpi = (step: string, finished: number, late: number) => ({
  process: 'QT-HUYEN',
  step,
  finished,
  late,
  inTime: finished - late,
  workingMinutes: finished * 480,
  averageWorkingDays: 1,
  lateShare: late / finished,
});

describe('the dashboard’s per-step table', () => {
  it('lists every unit’s steps, the highest late share first, then the most finished, then by unit name', () => {
    const lines = stepLines([
      { scope: { name: 'Xã Quảng Bình' }, steps: [kpi('TIEP_NHAN', 10, 1), kpi('THAM_DINH', 4, 2)] },
      { scope: { name: 'Huyện Quảng Xương' }, steps: [kpi('KY_DUYET', 8, 4), kpi('TIEP_NHAN', 3, 0)] },
      { scope: { name: 'Xã Ân Phú' }, steps: [kpi('THAM_DINH', 4, 2)] },
      { scope: { name: 'Xã không có bước' } },
    ]);
    expect(lines.map(({ unit, step }) => [unit.scope.name, step.step])).toEqual([
      ['Huyện Quảng Xương', 'KY_DUYET'],
      ['Xã Ân Phú', 'THAM_DINH'],
      ['Xã Quảng Bình', 'THAM_DINH'],
      ['Xã Quảng Bình', 'TIEP_NHAN'],
      ['Huyện Quảng Xương', 'TIEP_NHAN'],
    ]);
  });

  it('is a section of the page with its heading, and a captioned table with bilingual headers', () => {
    const markup = readFileSync(new URL('../../../web/dashboard.html', import.meta.url), 'utf8');
    expect(markup).toContain('<section aria-labelledby="steps-title">');
    expect(markup).toContain('Thời gian xử lý theo bước');
    const script = pageScript('dashboard');
    for (const text of [
      'Thời gian xử lý theo bước, tỷ lệ quá hạn cao nhất trước / Time per step, highest late share first',
      'Tỷ lệ quá hạn / Late share',
      'Thời gian trung bình (ngày làm việc) / Average (working days)',
    ])
      expect(script).toContain(text);
  });
});
