import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUNDLE_TARGET_BYTES,
  median,
  missedTargets,
  moduleOf,
  modulesBySize,
  rendersPdf,
} from '../../../bench/lib/bundle-report.ts';

const metafile = (inputs: Record<string, number>) => ({
  outputs: {
    'out/index.mjs': {
      bytes: Object.values(inputs).reduce((a, b) => a + b, 0),
      inputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, { bytesInOutput: v }])),
    },
    'out/index.mjs.map': { bytes: 10_000, inputs: { 'node_modules/zod/index.js': { bytesInOutput: 9_999 } } },
  },
});

describe('bundle report', () => {
  it('names a module by its package, scoped or not, nested copies by the innermost', () => {
    expect(moduleOf('node_modules/zod/v4/core/schemas.js')).toBe('zod');
    expect(moduleOf('node_modules/@smithy/core/dist-es/submodules/protocols/json/x.js')).toBe('@smithy/core');
    expect(moduleOf('node_modules/a/node_modules/@b/c/index.js')).toBe('@b/c');
    expect(moduleOf('shared/adapters/dossier-store.ts')).toBe('shared/adapters/dossier-store.ts');
    expect(moduleOf('<runtime>')).toBe('<runtime>');
  });

  it('adds up what each package puts into the JavaScript output, largest first, ignoring source maps', () => {
    const modules = modulesBySize(
      metafile({
        'node_modules/zod/v4/core/a.js': 300,
        'node_modules/zod/v4/classic/b.js': 200,
        'node_modules/@smithy/core/x.js': 400,
        'functions/dossiers/get.ts': 100,
        'node_modules/unused/index.js': 0,
      }),
    );
    expect(modules).toEqual([
      { module: 'zod', bytes: 500 },
      { module: '@smithy/core', bytes: 400 },
      { module: 'functions/dossiers/get.ts', bytes: 100 },
    ]);
  });

  it('calls a function a PDF function when it renders with embedded fonts, not when it only parses PDFs', () => {
    const renders = {
      'node_modules/pdf-lib/es/api/PDFDocument.js': 5,
      'node_modules/@pdf-lib/fontkit/dist/fontkit.es.js': 9,
    };
    expect(rendersPdf(metafile(renders))).toBe(true);
    expect(rendersPdf(metafile({ 'node_modules/pdf-lib/es/api/PDFDocument.js': 5 }))).toBe(false);
    expect(rendersPdf(metafile({ 'node_modules/@pdf-lib/fontkit/dist/fontkit.es.js': 0 }))).toBe(false);
  });

  it('takes the middle of the sorted values, the mean of the two middle ones for an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1 }), (values) => {
        const m = median(values);
        expect(values.filter((v) => v < m).length).toBeLessThanOrEqual(values.length / 2);
        expect(values.filter((v) => v > m).length).toBeLessThanOrEqual(values.length / 2);
      }),
    );
  });

  it('lists the size target only for non-PDF functions and the init target for all', () => {
    const lines = missedTargets(
      [
        { name: 'Small', bytes: BUNDLE_TARGET_BYTES, pdf: false, initMs: 53 },
        { name: 'Big', bytes: BUNDLE_TARGET_BYTES + 1024, pdf: false, initMs: 10 },
        { name: 'Pdf', bytes: 4 * BUNDLE_TARGET_BYTES, pdf: true, initMs: 60 },
      ],
      3,
    );
    expect(lines).toEqual([
      'Big: 251 KB minified, 1 KB over the 250 KB target',
      'Pdf: init 57.0 ms over the empty bundle, target ≤ 50 ms',
    ]);
  });
});
