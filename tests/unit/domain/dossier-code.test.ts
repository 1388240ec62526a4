import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAgencyCode } from '../../../shared/domain/agencies/agency.ts';
import {
  dailySequenceKey,
  formatDossierCode,
  parseDossierCode,
} from '../../../shared/domain/intake/dossier-code.ts';

describe('dossier codes <agency>-<YYMMDD>-<NNNN>', () => {
  it('formats the example of the reference', () => {
    expect(formatDossierCode('000.17.22.H56', new Date('2021-05-31T03:00:00Z'), 1)).toBe(
      '000.17.22.H56-210531-0001',
    );
  });

  it('dates by the Vietnamese day: 18:00 UTC is already the next day', () => {
    expect(formatDossierCode('000.17.22.H56', new Date('2026-11-24T18:00:00Z'), 42)).toBe(
      '000.17.22.H56-261125-0042',
    );
  });

  it('keeps counting past 9999 without truncating', () => {
    expect(formatDossierCode('H55.242', new Date('2026-01-02T03:00:00Z'), 12345)).toBe(
      'H55.242-260102-12345',
    );
  });

  it('refuses a malformed agency code or sequence', () => {
    expect(() => formatDossierCode('ABC', new Date(), 1)).toThrow(RangeError);
    expect(() => formatDossierCode('000.17.22.H56', new Date(), 0)).toThrow(RangeError);
  });

  it('parses what it formats', () => {
    const agency = fc
      .tuple(
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom('H', 'G', 'K'),
        fc.integer({ min: 1, max: 99 }),
      )
      .map(
        ([a, b, c, letter, d]) =>
          `${String(a).padStart(3, '0')}.${String(b).padStart(2, '0')}.${String(c).padStart(2, '0')}.${letter}${String(d).padStart(2, '0')}`,
      );
    fc.assert(
      fc.property(
        agency,
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 99_999 }),
        (code, at, sequence) => {
          const parsed = parseDossierCode(formatDossierCode(code, at, sequence));
          expect(parsed?.agencyCode).toBe(code);
          expect(parsed?.sequence).toBe(sequence);
        },
      ),
    );
  });

  it('gives each agency and day its own sequence counter', () => {
    const day = new Date('2026-11-24T03:00:00Z');
    expect(dailySequenceKey('000.17.22.H56', day)).not.toBe(dailySequenceKey('000.18.22.H56', day));
    expect(dailySequenceKey('000.17.22.H56', day)).not.toBe(
      dailySequenceKey('000.17.22.H56', new Date('2026-11-25T03:00:00Z')),
    );
  });

  it('accepts both official agency-code layouts and nothing else', () => {
    expect(isAgencyCode('000.00.00.H56')).toBe(true);
    expect(isAgencyCode('H55.242')).toBe(true);
    expect(isAgencyCode('000.00.H56')).toBe(false);
    expect(isAgencyCode('h55.242')).toBe(false);
    expect(isAgencyCode('000.00.00.H56; DROP')).toBe(false);
  });
});
