import { describe, expect, it } from 'vitest';
import { type ViewProcessPorts, viewProcess } from '../../../../shared/app/officer-desk/view-process.ts';
import { defaultProcess } from '../../../../shared/domain/process/default-processes.ts';
import type { ProcessRef, PublishedProcess } from '../../../../shared/domain/process/process-definition.ts';

const published = (version: number, name: string): PublishedProcess => ({
  ...defaultProcess('district'),
  code: 'QT-HKD-HUYEN',
  name,
  defaultForTier: undefined,
  procedureCodes: ['1.001612.000.00.00.H56'],
  version,
  publishedAt: `2026-0${version}-01T00:00:00+07:00`,
});

function ports(active: number): ViewProcessPorts {
  const sets = new Map<string, PublishedProcess>([
    ['QT-HKD-HUYEN@1', published(1, 'Bản đầu')],
    ['QT-HKD-HUYEN@2', published(2, 'Bản sửa')],
  ]);
  const version = async ({ code, version }: ProcessRef) => {
    if (version === 0)
      return code === defaultProcess('district').code ? defaultProcess('district') : undefined;
    return sets.get(`${code}@${version}`);
  };
  return {
    processes: {
      activeVersion: async () => active,
      version,
      forProcedure: async (procedure) =>
        (active > 0 &&
          procedure.code === '1.001612.000.00.00.H56' &&
          (await version({ code: 'QT-HKD-HUYEN', version: active }))) ||
        defaultProcess(procedure.tier),
    },
    procedure: async (code) => (code === '1.001612.000.00.00.H56' ? { code, tier: 'district' } : undefined),
  };
}

describe('officers see a process', () => {
  it('answers the version in force with its definition and its Mermaid diagram', async () => {
    const view = await viewProcess(ports(2), { code: 'QT-HKD-HUYEN' });
    expect(view).toMatchObject({
      code: 'QT-HKD-HUYEN',
      version: 2,
      publishedAt: '2026-02-01T00:00:00+07:00',
    });
    expect(view.definition.name).toBe('Bản sửa');
    expect(view.mermaid.startsWith('flowchart TD\n')).toBe(true);
    expect(view.mermaid).toContain('s_TIEP_NHAN --> s_THAM_DINH');
  });

  it('answers an earlier version a dossier is pinned to', async () => {
    const view = await viewProcess(ports(2), { code: 'QT-HKD-HUYEN', version: 1 });
    expect(view.definition.name).toBe('Bản đầu');
    expect(view.version).toBe(1);
  });

  it('answers the process a procedure follows now when asked by the procedure’s code', async () => {
    expect((await viewProcess(ports(2), { code: '1.001612.000.00.00.H56' })).code).toBe('QT-HKD-HUYEN');
    expect((await viewProcess(ports(0), { code: '1.001612.000.00.00.H56' })).code).toBe('MAC-DINH-DISTRICT');
  });

  it('answers a built-in default as version 0 while no set is published', async () => {
    const view = await viewProcess(ports(0), { code: 'MAC-DINH-DISTRICT' });
    expect(view.version).toBe(0);
    expect(view.definition.defaultForTier).toBe('district');
  });

  it('refuses a code or version that does not exist, in both languages', async () => {
    for (const request of [{ code: 'QT-KHONG-CO' }, { code: 'QT-HKD-HUYEN', version: 7 }]) {
      const refused = viewProcess(ports(2), request);
      await expect(refused).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(refused).rejects.toMatchObject({
        bilingual: { vi: expect.stringContaining(request.code) },
      });
    }
  });
});
