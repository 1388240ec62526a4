import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentActionSchema, STATUS_CODES } from '../../../shared/domain/documents/document-schema.ts';
import { RECALL_STATES, RECIPIENT_STATES } from '../../../shared/domain/documents/documents.ts';
import {
  agencyCodesOf,
  base64Of,
  DOCUMENT_ACTIONS,
  durationText,
  STATES,
  stateText,
} from '../../../web/src/workspace/document-words.ts';

describe('the document exchange view’s words', () => {
  it('names every copy state, step status and recall state in both languages', () => {
    for (const state of [...RECIPIENT_STATES, ...Object.keys(STATUS_CODES)])
      expect(STATES[state], state).toMatch(/^\S.* \/ \S/);
    for (const recall of RECALL_STATES) expect(stateText('accepted', recall)).toMatch(/\(.+ \/ .+\)$/);
  });

  it('offers a form for every action the API takes on a document, and none it does not', () => {
    const types = DocumentActionSchema.options.map((option) => option.shape.type.value);
    expect(Object.keys(DOCUMENT_ACTIONS).sort()).toEqual([...types].sort());
  });
});

describe('the send form', () => {
  it('reads the recipients typed one per line or separated by commas, each once', () => {
    expect(agencyCodesOf(' 000.00.00.H56\n000.17.22.H56, 000.00.00.H56;H55.242 ')).toEqual([
      '000.00.00.H56',
      '000.17.22.H56',
      'H55.242',
    ]);
    expect(agencyCodesOf('  \n ')).toEqual([]);
  });

  it('encodes attachments as base64 exactly as Node does, whatever their size', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100_000 }), (bytes) => {
        expect(base64Of(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
      { numRuns: 50 },
    );
  });
});

describe('a step’s duration', () => {
  it('reads in minutes under an hour, hours under two days, days beyond', () => {
    expect(durationText(0)).toBe('0 phút / min');
    expect(durationText(59 * 60_000)).toBe('59 phút / min');
    expect(durationText(90 * 60_000)).toBe('1.5 giờ / h');
    expect(durationText(3 * 24 * 3600_000)).toBe('3 ngày / days');
    expect(durationText(-5_000)).toBe('0 phút / min');
  });

  it('never shrinks as the time grows', () => {
    const minutesOf = (text: string) => {
      const value = Number.parseFloat(text);
      return text.includes('ngày') ? value * 1440 : text.includes('giờ') ? value * 60 : value;
    };
    fc.assert(
      fc.property(fc.nat(10 * 24 * 3600_000), fc.nat(24 * 3600_000), (ms, more) => {
        expect(minutesOf(durationText(ms + more)) + 1e-6).toBeGreaterThanOrEqual(minutesOf(durationText(ms)));
      }),
    );
  });
});
