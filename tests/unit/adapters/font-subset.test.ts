import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { FONT_SUBSETS, fontSubset, SUBSETS_DIR, sourceFont } from '../../../scripts/lib/font-subsets.ts';
import { FONT_SUBSET_RANGES, subsetCovers } from '../../../shared/adapters/font-subset.ts';
import { renderFormPdf } from '../../../shared/adapters/pdf-forms.ts';
import { formContent } from '../../../shared/domain/documents/forms.ts';
import { countedFonts } from '../../support/pdf.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { storedDossier } from '../app/dossier-fixture.ts';

const committed = (file: string) => readFileSync(path.join(SUBSETS_DIR, file));

describe('the DejaVu Sans subsets the PDF functions bundle', () => {
  it('cover Vietnamese typed precomposed or decomposed, and no other script', () => {
    const name = 'Nguyễn Thị Hường — Ủy ban nhân dân xã Quảng Bình, số 12/2026 ≤ 15 ngày, 50.000 ₫';
    expect(subsetCovers(name)).toBe(true);
    expect(subsetCovers(name.normalize('NFD'))).toBe(true);
    expect(subsetCovers('dòng một\ndòng hai\tcột')).toBe(true);
    for (const foreign of ['Алексей', 'Αλέξανδρος', '王小明', 'Kim 김', 'שרה', 'Łukasz'])
      expect(subsetCovers(foreign)).toBe(false);
  });

  it('are what `npm run fonts:subset` writes from the package’s fonts', async () => {
    for (const { file, source } of FONT_SUBSETS) {
      const written = await fontSubset(source);
      expect(Buffer.compare(written, committed(file)), file).toBe(0);
      // The point of the subset: a small part of the font.
      expect(gunzipSync(written).length).toBeLessThan(sourceFont(source).length / 4);
    }
  }, 60_000);

  it('draw every character of their ranges the whole font draws, each as wide as in the whole font', () => {
    for (const { file, source } of FONT_SUBSETS) {
      const whole = fontkit.create(sourceFont(source));
      const subset = fontkit.create(gunzipSync(committed(file)));
      let checked = 0;
      for (const [first, last] of FONT_SUBSET_RANGES)
        for (let point = first; point <= last; point += 1) {
          if (!whole.hasGlyphForCodePoint(point)) continue;
          expect(subset.hasGlyphForCodePoint(point), `${file} U+${point.toString(16)}`).toBe(true);
          expect(subset.glyphForCodePoint(point).advanceWidth).toBe(
            whole.glyphForCodePoint(point).advanceWidth,
          );
          checked += 1;
        }
      expect(checked).toBeGreaterThan(300);
      expect(subset.hasGlyphForCodePoint(0x0416)).toBe(false); // Ж: only in the whole font
    }
  });

  it('cover every character of the platform’s own texts, where every label a document prints is written', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((entry) => {
        const full = path.join(dir, entry);
        return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
      });
    const sources = files('shared');
    expect(sources.length).toBeGreaterThan(100);
    const outside = sources.filter((file) => !subsetCovers(readFileSync(file, 'utf8')));
    expect(outside).toEqual([]);
  });
});

describe('a form drawn with the subset', () => {
  const signature = {
    keyId: 'k2',
    algorithm: 'ECDSA_SHA_256' as const,
    canonicalization: 'RFC8785-JCS' as const,
    value: 'MEUCIQ',
  };
  const formOf = (fullName: string) => {
    const dossier = storedDossier();
    const person = dossier.applicant.kind === 'organisation' ? undefined : dossier.applicant;
    if (!person) throw new Error('the fixture applies in person');
    const content = formContent({ ...dossier, applicant: { ...person, fullName } }, '01', {
      parentAgency: 'Ủy ban nhân dân huyện Quảng Xương',
      place: 'Thanh Hóa',
      lookupUrl: 'https://dichvucong.example.gov.vn/lookup?code=000.17.22.H56-261124-0001',
    });
    if (!content) throw new Error('form 01 missing');
    return content;
  };
  const render = (fullName: string, fonts: ReturnType<typeof countedFonts>) =>
    renderFormPdf(
      formOf(fullName),
      signature,
      '2026-12-01T09:00:00+07:00',
      fonts,
      'https://example.gov.vn/verify',
    );

  it('reads only the subset for a Vietnamese name, decomposed or not, and prints it', async () => {
    for (const fullName of ['Trần Thị Hường', 'Trần Thị Hường'.normalize('NFD')]) {
      const fonts = countedFonts();
      const text = await pdfText(await render(fullName, fonts));
      expect(fonts.reads).toEqual({ subset: 1, full: 0 });
      expect(text.normalize('NFC')).toContain('Trần Thị Hường');
      expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    }
  }, 30_000);

  it('is drawn with the whole font when a name has a character outside it, which is then printed', async () => {
    const fonts = countedFonts();
    const text = await pdfText(await render('Алексей Nguyễn', fonts));
    expect(text).toContain('Алексей Nguyễn');
    expect(fonts.reads).toEqual({ subset: 0, full: 1 });
  }, 30_000);
});
