import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROCESS_DOCS_PATH, processDocs } from '../../../scripts/lib/process-docs.ts';

describe('docs/processes.md', () => {
  it('is what `npm run process-docs` generates from the defaults and the sample definitions', () => {
    expect(readFileSync(PROCESS_DOCS_PATH, 'utf8')).toBe(processDocs());
  });

  it('shows each built-in default and each sample with a table of steps and a diagram', () => {
    const docs = processDocs();
    for (const code of ['MAC-DINH-COMMUNE', 'MAC-DINH-DISTRICT', 'QT-HKD-HUYEN', 'QT-DAT-DAI-LIEN-THONG'])
      expect(docs).toContain(`\`${code}\``);
    expect(docs.match(/```mermaid\nflowchart TD\n/g)).toHaveLength(6);
    const row = docs.split('\n').find((line) => line.includes('`SO_THAM_DINH`'));
    expect(row?.split('|').map((cell) => cell.trim())).toEqual([
      '',
      '3',
      '`SO_THAM_DINH`',
      'Sở Nông nghiệp và Môi trường thẩm định, xác nhận',
      'Chuyên viên xử lý',
      'cơ quan 000.00.13.H56',
      '17 ngày làm việc',
      'start_processing, forward, assign, send_back, stop',
      'PHE_DUYET',
      'THAM_DINH',
      '',
    ]);
  });
});
