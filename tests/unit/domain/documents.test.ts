import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgencyRecord } from '../../../shared/contracts/catalog.ts';
import type { DocumentAction } from '../../../shared/contracts/documents.ts';
import { DomainError } from '../../../shared/domain/common/errors.ts';
import {
  allowedActions,
  applyRecipientAction,
  arrivalOf,
  checkedAttachments,
  documentIdOf,
  envelopeOf,
  mayRecall,
  organOf,
  RECIPIENT_STATES,
  type RecipientRecord,
  recallArrivalOf,
  refuseClassified,
  resolveRecipients,
  stepTimings,
} from '../../../shared/domain/documents/documents.ts';
import {
  fromEdxml,
  MAX_EDXML_DEPTH,
  MAX_EDXML_ENTITY_REFERENCES,
  toEdxml,
} from '../../../shared/domain/documents/edxml.ts';
import { dispatchRequest, recipientCopy } from '../app/fixtures.ts';

const agency = (code: string, tier: AgencyRecord['tier']): AgencyRecord => ({
  code,
  name: `Cơ quan ${code}`,
  tier,
  officialEmail: `vanthu.${code.replaceAll('.', '')}@thanhhoa.gov.vn`,
});
const registry = [
  agency('000.00.00.H56', 'province'),
  agency('000.00.22.H56', 'district'),
  agency('000.17.22.H56', 'commune'),
  agency('000.18.22.H56', 'commune'),
  agency('000.21.23.H56', 'commune'),
];
const FOUR_TIERS = ['commune', 'district', 'province', 'central'] as const;

function copy(overrides: Partial<RecipientRecord> = {}): RecipientRecord {
  return recipientCopy(organOf(registry[2] as AgencyRecord), overrides);
}

const request = dispatchRequest({
  subject: 'Về việc triển khai <dịch vụ công> & "một cửa"',
  content: 'Dòng một.\nDòng hai.',
});

describe('documents', () => {
  it('are identified as OrganId,yyyy/MM/dd,Number/Notation', () => {
    expect(documentIdOf('000.00.00.H56', '2026-11-24', { codeNumber: '12', codeNotation: 'UBND-VP' })).toBe(
      '000.00.00.H56,2026/11/24,12/UBND-VP',
    );
  });

  it('refuse every classified level before anything else, and let ordinary ones through', () => {
    for (const level of ['mat', 'toi_mat', 'tuyet_mat', 'anything-else']) {
      expect(() => refuseClassified({ confidentiality: level })).toThrow(DomainError);
    }
    expect(() => refuseClassified({ confidentiality: 'normal' })).not.toThrow();
    expect(() => refuseClassified({})).not.toThrow();
    expect(() => refuseClassified('not an object')).not.toThrow();
  });

  it('go to named agencies and whole tiers, never back to the sender, each once', () => {
    const sender = registry[0] as AgencyRecord;
    const chosen = resolveRecipients(
      { to: ['000.17.22.H56', '000.00.22.H56', '000.00.00.H56'], toTier: 'commune' },
      sender,
      registry,
      FOUR_TIERS,
    );
    expect(chosen.map((a) => a.code).sort()).toEqual([
      '000.00.22.H56',
      '000.17.22.H56',
      '000.18.22.H56',
      '000.21.23.H56',
    ]);
    expect(() => resolveRecipients({ to: ['000.99.99.H56'] }, sender, registry, FOUR_TIERS)).toThrow(
      /not in the registry/,
    );
    // Without districts (the 2025 two-level profile) a district recipient is refused.
    expect(() =>
      resolveRecipients({ to: ['000.00.22.H56'] }, sender, registry, ['commune', 'province', 'central']),
    ).toThrow(DomainError);
  });

  it('move a copy through arrived → accepted → assigned → processing → completed', () => {
    let current = copy();
    const arrival = arrivalOf(current, '000.17.22.H56', '2026-11-24T08:00:01.000+07:00');
    expect(arrival?.step.code).toBe('01');
    current = {
      ...current,
      state: arrival?.state ?? 'sent',
      steps: [arrival?.step].filter((s) => s !== undefined),
    };
    expect(arrivalOf(current, 'x', 'y')).toBeUndefined();
    const actions: [DocumentAction, string][] = [
      [{ type: 'accept' }, '03'],
      [{ type: 'assign', assignee: 'Văn phòng' }, '04'],
      [{ type: 'start_processing' }, '05'],
      [{ type: 'complete' }, '06'],
    ];
    for (const [index, [action, code]] of actions.entries()) {
      const change = applyRecipientAction(
        current,
        action as Exclude<DocumentAction, { type: 'recall' }>,
        'can-bo',
        `2026-11-24T09:0${index}:00.000+07:00`,
      );
      expect(change.step.code).toBe(code);
      current = { ...current, state: change.state, steps: [...current.steps, change.step] };
    }
    expect(current.state).toBe('completed');
    expect(allowedActions(current)).toEqual([]);
    expect(mayRecall(current)).toBe(false);
    expect(stepTimings(current).map((t) => t.tookMs)).toEqual([1000, 3_599_000, 60_000, 60_000, 60_000]);
  });

  it('answer a recall that arrives too late with a refusal (16), and recognise a redelivered one', () => {
    const finished = copy({ state: 'completed' });
    const late = recallArrivalOf(finished, '000.00.00.H56', '2026-11-24T10:00:00.000+07:00', 'nhầm');
    expect(late?.step.code).toBe('16');
    expect(late?.recall).toBe('refused');
    const again = { ...finished, steps: [late?.step].filter((s) => s !== undefined) };
    expect(recallArrivalOf(again, '000.00.00.H56', '2026-11-24T10:00:00.000+07:00', 'nhầm')).toBeUndefined();

    const open = copy({ state: 'accepted' });
    const request13 = recallArrivalOf(open, '000.00.00.H56', '2026-11-24T10:00:00.000+07:00', 'nhầm');
    expect(request13?.step.code).toBe('13');
    const pending = {
      ...open,
      recall: request13?.recall,
      steps: [request13?.step].filter((s) => s !== undefined),
    };
    expect(allowedActions(pending).sort()).toEqual(['accept_recall', 'refuse_recall']);
  });

  it('never reach an unknown state, and give every step its own status id (any sequence of actions)', () => {
    const actionArbitrary = fc.constantFrom<Exclude<DocumentAction, { type: 'recall' }>>(
      { type: 'accept' },
      { type: 'refuse', reason: 'Không thuộc thẩm quyền' },
      { type: 'assign', assignee: 'Phòng A' },
      { type: 'start_processing' },
      { type: 'complete' },
      { type: 'accept_recall' },
      { type: 'refuse_recall', reason: 'Đã thực hiện' },
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(actionArbitrary, fc.constant('recall' as const)), { maxLength: 20 }),
        (plan) => {
          let current: RecipientRecord = copy({ state: 'arrived' });
          let minute = 0;
          for (const action of plan) {
            minute += 1;
            const at = `2026-11-24T10:${String(minute).padStart(2, '0')}:00.000+07:00`;
            if (action === 'recall') {
              const change = recallArrivalOf(current, 'sender', at, 'thu hồi');
              if (change)
                current = {
                  ...current,
                  state: change.state,
                  recall: change.recall,
                  steps: [...current.steps, change.step],
                };
              continue;
            }
            if (!allowedActions(current).includes(action.type)) {
              expect(() => applyRecipientAction(current, action, 'can-bo', at)).toThrow(DomainError);
              continue;
            }
            const change = applyRecipientAction(current, action, 'can-bo', at);
            current = {
              ...current,
              state: change.state,
              recall: change.recall,
              steps: [...current.steps, change.step],
            };
          }
          // Delivered: any state but the sender's `sent`.
          expect(RECIPIENT_STATES.filter((state) => state !== 'sent')).toContain(current.state);
          expect(new Set(current.steps.map((s) => s.statusId)).size).toBe(current.steps.length);
          const timings = stepTimings(current);
          const sum = timings.reduce((total, t) => total + t.tookMs, 0);
          const last = current.steps.at(-1);
          expect(sum).toBe(last ? Date.parse(last.at) - Date.parse(current.sentAt) : 0);
        },
      ),
    );
  });

  it('judge attachments by their bytes', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64');
    expect(
      checkedAttachments('d', [{ name: 'so-do.png', contentType: 'image/png', contentBase64: png }])[0]?.key,
    ).toBe('documents/d/1.png');
    expect(() =>
      checkedAttachments('d', [{ name: 'bao-cao.pdf', contentType: 'application/pdf', contentBase64: png }]),
    ).toThrow(/rejected/);
  });
});

describe('edXML', () => {
  const sender = organOf(registry[0] as AgencyRecord);
  const attachments = checkedAttachments('doc-1', [
    {
      name: 'Văn bản.pdf',
      contentType: 'application/pdf',
      contentBase64: Buffer.from('%PDF-1.4 x').toString('base64'),
    },
  ]);
  const envelope = envelopeOf(
    request,
    '000.00.00.H56,2026/11/24,12/UBND-VP',
    sender,
    [organOf(registry[2] as AgencyRecord)],
    attachments,
    '2026-11-24T08:00:00.000+07:00',
  );
  const signature = {
    keyId: 'arn:aws:kms:us-east-1:000000000000:key/k',
    algorithm: 'ECDSA_SHA_256' as const,
    canonicalization: 'RFC8785-JCS' as const,
    value: 'MEUCIQ==',
  };
  const xml = toEdxml({ envelope, signature, attachments });

  it('round-trips a document with its signature and attachments', () => {
    const message = fromEdxml(xml);
    expect(message.envelope).toEqual(envelope);
    expect(message.signature).toEqual(signature);
    expect(Buffer.from(message.attachments[0]?.bytes ?? []).toString()).toBe('%PDF-1.4 x');
    expect(xml).toContain('&lt;dịch vụ công&gt; &amp;');
  });

  it('names the element and line of a bad field, and the line and column of broken XML', () => {
    const bad = xml.replace('<Type>2</Type>', '<Type>hai</Type>');
    const line = bad.split('\n').findIndex((text) => text.includes('<Type>hai')) + 1;
    try {
      fromEdxml(bad);
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).code).toBe('MALFORMED_XML');
      expect((error as DomainError).fields.map((f) => f.field)).toContain(
        `MessageHeader.DocumentType.Type (dòng/line ${line})`,
      );
    }
    expect(() => fromEdxml(xml.replace('</Subject>', ''))).toThrow(/not well-formed/);
    expect(() => fromEdxml(`<!DOCTYPE x [<!ENTITY a "b">]>${xml}`)).toThrow(/DOCTYPE/);
  });

  const refusalOf = (hostile: string) => {
    try {
      fromEdxml(hostile);
      return 'accepted';
    } catch (error) {
      return error instanceof DomainError
        ? error.code
        : `${(error as Error).name}: ${(error as Error).message}`;
    }
  };

  it('refuses XML nested deeper than any edXML message as malformed, not as a server fault', () => {
    for (const depth of [MAX_EDXML_DEPTH + 1, 1000, 200_000]) {
      const deep = `${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`;
      expect(refusalOf(xml.replace('<edXMLBody>', `<edXMLBody>${deep}`)), `depth ${depth}`).toBe(
        'MALFORMED_XML',
      );
    }
    expect(refusalOf(xml)).toBe('accepted');
  });

  it('refuses element names that would reach object prototypes as malformed', () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      expect(refusalOf(xml.replace('<edXMLBody>', `<edXMLBody><${name}>1</${name}>`)), name).toBe(
        'MALFORMED_XML',
      );
    }
  });

  it('stops decoding a flood of entity references at the limit, with a 4xx naming the limit', () => {
    for (const reference of ['&amp;', '&lt;']) {
      const flood = xml.replace('<Content>', `<Content>${reference.repeat(MAX_EDXML_ENTITY_REFERENCES + 1)}`);
      try {
        fromEdxml(flood);
        expect.unreachable();
      } catch (error) {
        expect((error as DomainError).code).toBe('MALFORMED_XML');
        expect((error as DomainError).fields[0]?.message.en, reference).toMatch(/expansion count limit/);
      }
    }
  });

  it('reads a message with many attributes (ignored) without a server fault', () => {
    const attributes = Array.from({ length: 20_000 }, (_, i) => `a${i}="x"`).join(' ');
    expect(refusalOf(xml.replace('<MessageHeader>', `<MessageHeader ${attributes}>`))).toBe('accepted');
  });
});
