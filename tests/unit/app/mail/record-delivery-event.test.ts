import { describe, expect, it } from 'vitest';
import {
  type DeliveryEventPorts,
  recordDeliveryEvent,
  SesEventSchema,
} from '../../../../shared/app/mail/record-delivery-event.ts';

function memoryPorts() {
  const suppressed = new Map<string, { reason: string; at: string }>();
  const events: { messageId: string; event: { type: string; at: string; detail?: string } }[] = [];
  const lines: { message: string; fields: Record<string, unknown> }[] = [];
  const log = (message: string, fields: Record<string, unknown>) => lines.push({ message, fields });
  const ports: DeliveryEventPorts = {
    mailLog: {
      suppress: async (address, reason, at) => {
        suppressed.set(address, { reason, at });
      },
      recordEvent: async (messageId, event) => {
        events.push({ messageId, event });
      },
    },
    log: { info: log, warn: log, error: log },
    now: () => new Date('2026-12-01T01:00:00Z'),
  };
  /** Records an SES event of message `ses-1` with `detail`. */
  const record = (detail: Record<string, unknown>) => recordDeliveryEvent(ports, event(detail));
  return { ports, suppressed, events, lines, record };
}

const event = (detail: Record<string, unknown>) =>
  SesEventSchema.parse({
    'detail-type': 'Email Bounced',
    detail: { mail: { messageId: 'ses-1' }, ...detail },
  });

describe('mail delivery events', () => {
  it('a permanent bounce suppresses the address and is recorded against the message', async () => {
    const memory = memoryPorts();
    const result = await memory.record({
      eventType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bouncedRecipients: [{ emailAddress: 'hoa@example.vn' }],
        timestamp: '2026-12-01T00:59:00Z',
      },
    });
    expect(result).toEqual({ recorded: 'bounce', suppressed: 1 });
    expect([...memory.suppressed]).toEqual([
      ['hoa@example.vn', { reason: 'bounce', at: '2026-12-01T00:59:00Z' }],
    ]);
    expect(memory.events).toEqual([
      { messageId: 'ses-1', event: { type: 'bounce', at: '2026-12-01T00:59:00Z', detail: 'Permanent' } },
    ]);
    expect(memory.lines).toEqual([
      {
        message: 'address suppressed',
        fields: { to: expect.not.stringContaining('hoa@'), reason: 'bounce' },
      },
    ]);
  });

  it('a transient bounce is recorded but suppresses nothing', async () => {
    const memory = memoryPorts();
    const result = await memory.record({
      eventType: 'Bounce',
      bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'hoa@example.vn' }] },
    });
    expect(result).toEqual({ recorded: 'bounce', suppressed: 0 });
    expect(memory.suppressed.size).toBe(0);
    expect(memory.events[0]?.event).toEqual({
      type: 'bounce',
      at: '2026-12-01T01:00:00.000Z',
      detail: 'Transient',
    });
  });

  it('a complaint suppresses the address; a delivery only records', async () => {
    const memory = memoryPorts();
    await memory.record({
      eventType: 'Complaint',
      complaint: { complainedRecipients: [{ emailAddress: 'an@example.vn' }] },
    });
    await memory.record({
      eventType: 'Delivery',
      mail: { messageId: 'ses-2', timestamp: '2026-12-01T00:00:00Z' },
    });
    expect([...memory.suppressed.keys()]).toEqual(['an@example.vn']);
    expect(memory.events.map((e) => [e.messageId, e.event.type])).toEqual([
      ['ses-1', 'complaint'],
      ['ses-2', 'delivery'],
    ]);
  });
});
