import { describe, expect, it } from 'vitest';
import { API_FUNCTIONS } from '../../../functions/api.ts';
import {
  OfficerQueueQuerySchema,
  OfficerQueueSchema,
  OfficerQueueSearchSchema,
} from '../../../shared/contracts/lifecycle.ts';
import { openApiDocument } from '../../../shared/http/openapi.ts';

describe('the work queue’s query string', () => {
  it('takes tabs, filters and paging as strings, the limit as a number', () => {
    expect(
      OfficerQueueQuerySchema.parse({
        tab: 'soon',
        status: 'in_progress',
        step: 'THAM_DINH',
        procedure: '1.001193.000.00.00.H56',
        channel: 'counter',
        receivedFrom: '2026-12-01',
        receivedTo: '2026-12-31',
        limit: '20',
        cursor: 'q1.abc',
      }),
    ).toMatchObject({ tab: 'soon', limit: 20, receivedFrom: '2026-12-01' });
    expect(OfficerQueueQuerySchema.parse({ due: 'late' })).toEqual({ due: 'late' });
  });

  it.each([
    { tab: 'everything' },
    { limit: '0' },
    { limit: '201' },
    { limit: 'many' },
    { receivedFrom: '01/12/2026' },
    { procedure: 'birth' },
    { channel: 'fax' },
  ])('refuses %j', (query) => {
    expect(OfficerQueueQuerySchema.safeParse(query).success).toBe(false);
  });
});

describe('the search request', () => {
  it('needs a text of 2 to 200 characters, trimmed', () => {
    expect(OfficerQueueSearchSchema.parse({ text: '  nguyen van an ' })).toEqual({ text: 'nguyen van an' });
    expect(OfficerQueueSearchSchema.safeParse({ text: ' a ' }).success).toBe(false);
    expect(OfficerQueueSearchSchema.safeParse({ text: 'x'.repeat(201) }).success).toBe(false);
    expect(OfficerQueueSearchSchema.safeParse({}).success).toBe(false);
  });
});

describe('the work queue in the OpenAPI document', () => {
  const document = openApiDocument(API_FUNCTIONS) as unknown as {
    paths: Record<
      string,
      Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>
    >;
    components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
  };

  it('documents the queue’s parameters and the search with its text in the body only', () => {
    const list = document.paths['/officer/dossiers']?.get;
    expect(list?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['tab', 'status', 'step', 'procedure', 'channel', 'limit', 'cursor', 'due']),
    );
    const search = document.paths['/officer/dossiers/search']?.post;
    expect(search?.requestBody).toBeDefined();
    expect((search?.parameters ?? []).map((p) => p.name)).not.toContain('text');
    expect(JSON.stringify(search?.requestBody)).toContain('OfficerQueueSearch');
    expect(document.components.schemas.OfficerQueueSearch?.required).toContain('text');
  });

  it('describes the answer: counts per tab, lines and the next cursor', () => {
    const answer = OfficerQueueSchema.parse({
      agencyCode: '000.17.22.H56',
      tab: 'all',
      counts: { all: 3, reception: 1, soon: 1, late: 0, mine: 0 },
      dossiers: [
        {
          dossierCode: '000.17.22.H56-261201-0001',
          procedure: { code: '1.001193.000.00.00.H56', name: 'Đăng ký khai sinh' },
          status: 'submitted',
          channel: 'online',
          syncCode: 1,
        },
      ],
      nextCursor: 'q1.abc',
    });
    expect(answer.dossiers[0]).toHaveProperty('syncCode', 1);
  });
});
