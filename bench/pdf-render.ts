/**
 * What the font subsets change for a PDF function's request: form 01 of a typical dossier rendered
 * with the bundled subset (what a Vietnamese dossier gets) and with the whole DejaVu Sans (what a
 * document with a character outside the subset gets, and what every document got before),
 * interleaved, `runs` times each in one process after a warm-up; median and p90 time per render and
 * the PDF's size. Offline: no emulator.
 *   npx tsx bench/pdf-render.ts [runs=30]
 */
import { performance } from 'node:perf_hooks';
import { renderFormPdf } from '../shared/adapters/pdf-forms.ts';
import type { PdfFonts } from '../shared/adapters/pdf-text.ts';
import { formContent } from '../shared/domain/documents/forms.ts';
import { dejaVuFonts } from '../tests/support/pdf.ts';
import { storedDossier } from '../tests/unit/app/dossier-fixture.ts';
import { median } from './lib/bundle-report.ts';

const runs = Number(process.argv[2] ?? 30);
const content = formContent(storedDossier(), '01', {
  parentAgency: 'Ủy ban nhân dân huyện Quảng Xương',
  place: 'Thanh Hóa',
  lookupUrl: 'https://dichvucong.example.gov.vn/lookup?code=000.17.22.H56-261124-0001',
});
if (!content) throw new Error('form 01 missing');
const signature = {
  keyId: 'k2',
  algorithm: 'ECDSA_SHA_256',
  canonicalization: 'RFC8785-JCS',
  value: 'MEUCIQ',
} as const;
const variants: Record<string, PdfFonts> = {
  subset: dejaVuFonts,
  'whole font': { subset: dejaVuFonts.full, full: dejaVuFonts.full },
};

const render = (fonts: PdfFonts) =>
  renderFormPdf(content, signature, '2026-12-01T09:00:00+07:00', fonts, 'https://example.gov.vn/verify');

const times = new Map<string, number[]>(Object.keys(variants).map((name) => [name, []]));
const sizes = new Map<string, number>();
for (const [name, fonts] of Object.entries(variants)) sizes.set(name, (await render(fonts)).length);
for (let run = 0; run < runs; run += 1)
  for (const [name, fonts] of Object.entries(variants)) {
    const started = performance.now();
    await render(fonts);
    times.get(name)?.push(performance.now() - started);
  }

const p90 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)] ?? Number.NaN;
console.log(`form 01 rendered ${runs} times with each font, interleaved (Node ${process.version})`);
console.table(
  [...times].map(([name, values]) => ({
    fonts: name,
    'median ms': Number(median(values).toFixed(1)),
    'p90 ms': Number(p90(values).toFixed(1)),
    'PDF KB': Number(((sizes.get(name) ?? 0) / 1024).toFixed(1)),
  })),
);
const [subset = [], whole = []] = [...times.values()];
console.log(`subset / whole font, median: ${(median(subset) / median(whole)).toFixed(2)} ×`);
