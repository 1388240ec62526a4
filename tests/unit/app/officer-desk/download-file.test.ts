import { describe, expect, it } from 'vitest';
import { officerFileLink, type RequestedFile } from '../../../../shared/app/officer-desk/download-file.ts';
import type { DossierRecord } from '../../../../shared/domain/lifecycle/dossier.ts';
import { codeOf } from '../fixtures.ts';
import {
  commune,
  district,
  dossier,
  memoryAudit,
  memoryClock,
  memoryLog,
  memoryPresigner,
} from '../memory.ts';

const code = 'H56.17.22-261201-0001';
const officer = { id: 'sub-7', username: 'can-bo-le', agencyCode: commune.code };
const own = (role: string, name: string) => `dossiers/${code}/${role}/${name}`;
const held = (overrides: Partial<DossierRecord> = {}) =>
  dossier({
    status: 'in_progress',
    attachments: [
      {
        key: own('attachments', 'a1.pdf'),
        fileName: 'Tờ khai đăng ký khai sinh.pdf',
        contentType: 'application/pdf',
        sha256: 'ab'.repeat(32),
        sizeBytes: 4096,
      },
      { key: own('attachments', 'a2.png'), fileName: 'Giấy chứng sinh.png', contentType: 'image/png' },
    ],
    ...overrides,
  });

function desk(record: DossierRecord) {
  const { audit, chains } = memoryAudit();
  const { log, lines } = memoryLog();
  const { files, links } = memoryPresigner();
  const ports = {
    dossiers: { get: async (wanted: string) => (wanted === record.dossierCode ? record : undefined) },
    files,
    audit,
    log,
    now: memoryClock().now,
  };
  const open = (file: RequestedFile, unit: { code: string; aliases?: string[] } = commune) =>
    officerFileLink(ports, { dossierCode: code, officer, unit, file });
  return { open, chains, links, lines };
}

describe('an officer opening a dossier’s files', () => {
  it('links an attachment of the unit’s dossier for five minutes, shown in the browser, audited', async () => {
    const { open, links, chains, lines } = desk(held());
    const link = await open({ kind: 'attachment', index: 0 });
    expect(link).toEqual({
      url: `https://bucket.test/${own('attachments', 'a1.pdf')}?X-Amz-Expires=300`,
      expiresAt: '2026-12-01T09:05:00+07:00',
      fileName: 'Tờ khai đăng ký khai sinh.pdf',
      contentType: 'application/pdf',
      sha256: 'ab'.repeat(32),
      sizeBytes: 4096,
    });
    expect(links).toEqual([
      {
        key: own('attachments', 'a1.pdf'),
        seconds: 300,
        contentType: 'application/pdf',
        contentDisposition:
          'inline; filename="To_khai_dang_ky_khai_sinh.pdf"; filename*=UTF-8\'\'T%E1%BB%9D%20khai%20%C4%91%C4%83ng%20k%C3%BD%20khai%20sinh.pdf',
      },
    ]);
    expect(chains.get(code)).toEqual([
      expect.objectContaining({
        kind: 'download',
        action: 'officer_attachment',
        actor: 'can-bo-le',
        details: { key: own('attachments', 'a1.pdf'), agency: commune.code, index: 0 },
      }),
    ]);
    expect(lines).toHaveLength(1);
  });

  it('shows images inline too', async () => {
    const { open, links } = desk(held());
    await open({ kind: 'attachment', index: 1 });
    expect(links[0]).toMatchObject({ contentType: 'image/png' });
    expect(links[0]?.contentDisposition).toMatch(/^inline; filename="Giay_chung_sinh.png"/);
  });

  it('answers 404 for a dossier of another unit, whatever file is asked, linking and auditing nothing', async () => {
    const { open, links, chains } = desk(held());
    for (const file of [{ kind: 'attachment', index: 0 } as const, { kind: 'result' } as const]) {
      expect(await codeOf(open(file, district))).toEqual(['NOT_FOUND', 404]);
    }
    expect(links).toEqual([]);
    expect(chains.size).toBe(0);
  });

  it('lets a unit open what was handed to a code it had before a merger', async () => {
    const { open } = desk(held());
    const merged = { code: '000.99.22.H56', aliases: [commune.code] };
    expect((await open({ kind: 'attachment', index: 0 }, merged)).fileName).toBe(
      'Tờ khai đăng ký khai sinh.pdf',
    );
  });

  it('answers 404 for a position the dossier has no attachment at', async () => {
    const { open, links } = desk(held());
    expect(await codeOf(open({ kind: 'attachment', index: 2 }))).toEqual(['NOT_FOUND', 404]);
    expect(links).toEqual([]);
  });

  it('links the result file once there is one, and says why not before', async () => {
    expect(await codeOf(desk(held()).open({ kind: 'result' }))).toEqual(['RESULT_NOT_READY', 409]);
    const paper = held({ status: 'done', result: { completedBy: 'x', timeliness: 'on_time' } });
    expect(await codeOf(desk(paper).open({ kind: 'result' }))).toEqual(['NO_ELECTRONIC_RESULT', 404]);
    const signed = held({
      status: 'done',
      result: { documentKey: own('result', 'r.pdf'), completedBy: 'x', timeliness: 'on_time' },
    });
    const { open, chains, links } = desk(signed);
    expect(await open({ kind: 'result' })).toMatchObject({ fileName: `${code}-ket-qua.pdf` });
    expect(links[0]?.contentDisposition).toMatch(/^inline; /);
    expect(chains.get(code)?.[0]).toMatchObject({
      action: 'officer_result',
      details: { key: own('result', 'r.pdf') },
    });
  });
});
