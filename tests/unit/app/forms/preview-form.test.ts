import { describe, expect, it } from 'vitest';
import { type DownloadFormPorts, downloadForm } from '../../../../shared/app/forms/download-form.ts';
import { type PreviewFormPorts, previewForm } from '../../../../shared/app/forms/preview-form.ts';
import {
  actOnDossier,
  type OfficerActionPorts,
  type OfficerActionRequest,
} from '../../../../shared/app/officer-desk/act-on-dossier.ts';
import type { FormNumber } from '../../../../shared/domain/documents/forms.ts';
import type { UploadClaim } from '../../../../shared/domain/intake/attachment.ts';
import type { DossierRecord } from '../../../../shared/domain/lifecycle/dossier.ts';
import { codeOf, memoryProcesses, procedureOf } from '../fixtures.ts';
import {
  commune,
  district,
  dossier,
  memoryAudit,
  memoryLifecycle,
  memorySigner,
  sweepApologyDraft,
} from '../memory.ts';

/** The commune sits under the district: the forms' header names it. */
const registry = [{ ...commune, parentCode: district.code }, district];
const agency = async (code: string) => registry.find((record) => record.code === code);
const PUBLIC_BASE_URL = 'https://dichvucong.test/';

/**
 * A desk in memory whose every writing, signing and mailing port records its call in `writes`, so
 * that a test can show the preview called none of them while the action, given the same ports, did.
 */
function desk(held: DossierRecord[]) {
  const memory = memoryLifecycle(held);
  const signer = memorySigner();
  const writes: string[] = [];
  const recorded =
    <A extends unknown[], R>(name: string, call: (...args: A) => R) =>
    (...args: A): R => {
      writes.push(name);
      return call(...args);
    };
  const refused = (name: string) => async () => {
    writes.push(name);
    throw new Error(`${name} was not expected`);
  };
  const rendered: Uint8Array[] = [];
  const ports: OfficerActionPorts<UploadClaim> & PreviewFormPorts = {
    ...memory.ports,
    dossiers: {
      get: memory.ports.dossiers.get,
      applyLifecycle: recorded('dossiers.applyLifecycle', memory.ports.dossiers.applyLifecycle),
    },
    audit: { next: recorded('audit.next', memory.ports.audit.next) },
    mail: { enqueue: recorded('mail.enqueue', memory.ports.mail.enqueue) },
    agency,
    reference: { getAgency: agency },
    procedure: async () => procedureOf(commune, '1.001193.000.00.00.H56', { resultSigned: false }),
    processes: memoryProcesses(),
    officersOf: async () => [],
    signer: {
      sign: recorded('signer.sign', signer.sign),
      signFile: recorded('signer.signFile', signer.signFile),
    },
    signingKeys: { ecdsa: 'ecdsa-key', rsa: 'rsa-key' },
    files: { readUpload: refused('files.readUpload'), bindUpload: refused('files.bindUpload') },
    claims: { existing: async () => [], putItem: recorded('claims.putItem', (claim: UploadClaim) => claim) },
    renderPreview: async (content) => {
      const bytes = new TextEncoder().encode(JSON.stringify(content));
      rendered.push(bytes);
      return bytes;
    },
    publicBaseUrl: PUBLIC_BASE_URL,
  };
  return { ...memory, ports, writes, rendered, signer };
}

/** The signed form the officer downloads once the action is taken: the form the action issued. */
async function issuedForm(held: ReturnType<typeof desk>, dossierCode: string, form: FormNumber) {
  const stored = new Map<string, Uint8Array>();
  const ports: DownloadFormPorts = {
    dossiers: { get: held.ports.dossiers.get },
    reference: { getAgency: agency },
    files: {
      documentMetadata: async () => undefined,
      putDocument: async (key, bytes) => {
        stored.set(key, bytes);
        return true;
      },
      presignDownload: async (key) => `https://files.test/${key}`,
    },
    signer: memorySigner(),
    render: async () => new Uint8Array([37, 80, 68, 70]),
    audit: memoryAudit().audit,
    signingKeys: { ecdsa: 'ecdsa-key', rsa: 'rsa-key' },
    publicBaseUrl: PUBLIC_BASE_URL,
    now: held.ports.now,
  };
  const caller = { kind: 'officer' as const, username: 'can-bo-le', unit: async () => commune };
  return (await downloadForm(ports, caller, dossierCode, form)).content.document;
}

const deskOfficer = { id: 'sub-7', username: 'can-bo-le', roles: ['tiep_nhan', 'chuyen_vien'] as const };
const leader = { id: 'sub-9', username: 'lanh-dao-phong', roles: ['lanh_dao_phong'] as const };
const REASON = 'Chờ kết quả xác minh của UBND xã nơi cư trú trước đây';

interface Case {
  name: string;
  form: FormNumber;
  held: DossierRecord;
  action: OfficerActionRequest['action'];
  officer: OfficerActionRequest['officer'];
  /** A line the form prints from what the officer typed or the action decided. */
  printed: [string, string];
}

const cases: Case[] = [
  {
    name: 'the receipt (form 01) of a dossier received now',
    form: '01',
    held: dossier(),
    action: { type: 'accept' },
    officer: deskOfficer,
    printed: ['Thời gian nhận hồ sơ', '09 giờ 00 phút, ngày 01 tháng 12 năm 2026'],
  },
  {
    name: 'the supplement request (form 02) with its reason and documents',
    form: '02',
    held: dossier(),
    action: { type: 'request_supplement', reason: 'Thiếu giấy chứng sinh', documents: ['Giấy chứng sinh'] },
    officer: deskOfficer,
    printed: ['Nội dung yêu cầu bổ sung', 'Giấy chứng sinh'],
  },
  {
    name: 'the refusal (form 03) with its reason',
    form: '03',
    held: dossier(),
    action: { type: 'refuse', reason: 'Không thuộc thẩm quyền của xã' },
    officer: deskOfficer,
    printed: ['Lý do từ chối', 'Không thuộc thẩm quyền của xã'],
  },
  {
    name: 'the apology (form 04) a leader approves, with the reason and the new appointment',
    form: '04',
    held: dossier({ status: 'in_progress', apology: sweepApologyDraft }),
    action: { type: 'approve_apology', reason: REASON },
    officer: leader,
    printed: ['Lý do quá hạn', REASON],
  },
  {
    name: 'the stop notice (form 05) with its reason',
    form: '05',
    held: dossier({ status: 'in_progress' }),
    action: { type: 'stop', reason: 'Công dân đề nghị dừng giải quyết' },
    officer: deskOfficer,
    printed: ['Lý do dừng giải quyết', 'Công dân đề nghị dừng giải quyết'],
  },
];

const request = (item: Pick<Case, 'held' | 'action' | 'officer'>): OfficerActionRequest => ({
  dossierCode: item.held.dossierCode,
  action: item.action,
  officer: item.officer,
  unit: commune,
});

describe('form preview', () => {
  it.each(cases)('shows $name as the action then issues it, writing and signing nothing', async (item) => {
    const held = desk([item.held]);
    const before = structuredClone(held.dossiers.get(item.held.dossierCode));
    const preview = await previewForm(held.ports, { ...request(item), form: item.form });

    expect(held.writes).toEqual([]);
    expect(held.signer.signed).toEqual([]);
    expect(held.dossiers.get(item.held.dossierCode)).toEqual(before);
    expect(held.chains.size).toBe(0);
    expect(held.mail).toEqual([]);
    expect(held.lines).toEqual([
      {
        level: 'info',
        message: 'form preview',
        fields: {
          dossierCode: item.held.dossierCode,
          form: item.form,
          action: item.action.type,
          officer: item.officer.id,
        },
      },
    ]);
    expect(held.rendered).toHaveLength(1);
    expect(preview.fileName).toBe(`${item.held.dossierCode}-mau-${item.form}-xem-truoc.pdf`);
    expect(
      preview.content.fields.some(
        ([label, value]) => label === item.printed[0] && value.includes(item.printed[1]),
      ),
    ).toBe(true);

    // The same ports and clock, the action taken: what it issues is what the preview showed.
    await actOnDossier(held.ports, request(item));
    expect(held.writes).toContain('dossiers.applyLifecycle');
    expect(preview.content).toEqual(await issuedForm(held, item.held.dossierCode, item.form));
  });

  it('prints the number the issued form carries, from the dossier code: no register number is taken', async () => {
    const held = desk([dossier()]);
    const preview = await previewForm(held.ports, {
      ...request({ held: dossier(), action: { type: 'refuse', reason: 'Thiếu' }, officer: deskOfficer }),
      form: '03',
    });
    expect(preview.content.number).toBe('261201-0001/TCHS');
    expect(preview.content.agency).toBe(commune.name);
    expect(preview.content.parentAgency).toBe(district.name);
  });

  it('refuses as the action would, writing nothing: status, role, unit', async () => {
    const refusals: {
      held: DossierRecord;
      action: OfficerActionRequest['action'];
      officer: Case['officer'];
      form: FormNumber;
    }[] = [
      // Stopping is not allowed before reception.
      { held: dossier(), action: { type: 'stop', reason: 'Thử' }, officer: deskOfficer, form: '05' },
      // Reception is the one-stop desk's.
      {
        held: dossier(),
        action: { type: 'accept' },
        officer: { ...deskOfficer, roles: ['chuyen_vien'] },
        form: '01',
      },
      // Form 04 is a leader's.
      {
        held: dossier({ status: 'in_progress', apology: sweepApologyDraft }),
        action: { type: 'approve_apology', reason: REASON },
        officer: deskOfficer,
        form: '04',
      },
      // A draft without its reason is not approved.
      {
        held: dossier({ status: 'in_progress', apology: sweepApologyDraft }),
        action: { type: 'approve_apology' },
        officer: leader,
        form: '04',
      },
    ];
    for (const refusal of refusals) {
      const previewing = desk([refusal.held]);
      const acting = desk([refusal.held]);
      const previewed = await codeOf(
        previewForm(previewing.ports, { ...request(refusal), form: refusal.form }),
      );
      const acted = await codeOf(actOnDossier(acting.ports, request(refusal)));
      expect(previewed).not.toBe('no error');
      expect(previewed).toEqual(acted);
      expect(previewing.writes).toEqual([]);
      expect(previewing.rendered).toEqual([]);
    }
    expect(
      await codeOf(
        previewForm(desk([dossier()]).ports, {
          ...request({ held: dossier(), action: { type: 'stop', reason: 'Thử' }, officer: deskOfficer }),
          form: '05',
        }),
      ),
    ).toEqual(['ILLEGAL_TRANSITION', 409]);
  });

  it('answers 404 for a dossier another unit holds, as the action does', async () => {
    const held = desk([
      dossier({ currentAgency: { code: district.code, name: district.name, tier: 'district' } }),
    ]);
    const elsewhere = request({
      held: dossier(),
      action: { type: 'refuse', reason: 'Thiếu' },
      officer: deskOfficer,
    });
    expect(await codeOf(previewForm(held.ports, { ...elsewhere, form: '03' }))).toEqual(['NOT_FOUND', 404]);
    expect(await codeOf(actOnDossier(held.ports, elsewhere))).toEqual(['NOT_FOUND', 404]);
    expect(held.writes).toEqual([]);
  });

  it('previews only the form the action issues, and nothing for an action that issues none', async () => {
    const held = desk([dossier({ status: 'in_progress' })]);
    const stop = request({
      held: dossier(),
      action: { type: 'stop', reason: 'Thiếu' },
      officer: deskOfficer,
    });
    await expect(previewForm(held.ports, { ...stop, form: '03' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      bilingual: { en: 'This action issues form 05, not form 03.' },
      fields: [{ field: 'type' }],
    });
    const start = request({ held: dossier(), action: { type: 'start_processing' }, officer: deskOfficer });
    await expect(previewForm(held.ports, { ...start, form: '06' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      bilingual: { vi: 'Thao tác này không ban hành phiếu nào: không có mẫu số 06 để xem trước.' },
    });
    expect(held.writes).toEqual([]);
    expect(held.rendered).toEqual([]);
  });
});
