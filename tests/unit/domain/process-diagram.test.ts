import { describe, expect, it } from 'vitest';
import { defaultProcess } from '../../../shared/domain/process/default-processes.ts';
import type { ProcessDefinition } from '../../../shared/domain/process/process-definition.ts';
import {
  escapeMermaidText,
  mermaidId,
  processDiagram,
} from '../../../shared/domain/process/process-diagram.ts';
import type { ProcessProgress } from '../../../shared/domain/process/process-state.ts';
import { processStep as step } from '../../support/process-arbitrary.ts';

const branching: ProcessDefinition = {
  code: 'QT-NHANH',
  name: 'Quy trình có hai nhánh',
  procedureCodes: [],
  steps: [
    step('TIEP_NHAN', {
      role: 'tiep_nhan',
      next: ['SO_A', 'SO_B'],
      budget: { amount: 4, unit: 'working_hours' },
    }),
    step('SO_A', { unit: { agency: '000.00.13.H56' }, next: ['KY'] }),
    step('SO_B', { unit: { tier: 'province' }, next: ['KY'], budget: { amount: 0.25, unit: 'share' } }),
    step('KY', { role: 'lanh_dao', join: true, actions: ['complete', 'send_back'], sendBackTo: ['SO_A'] }),
  ],
};

describe('process diagrams in Mermaid', () => {
  it('draws a top-down flowchart with one box per step: name, role, unit and budget', () => {
    const lines = processDiagram(branching).trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart TD');
    const box = lines.find((line) => line.trim().startsWith(`${mermaidId('TIEP_NHAN')}[`));
    expect(box).toContain('TIEP_NHAN: Bước TIEP_NHAN');
    expect(box).toContain('Cán bộ tiếp nhận #40;bộ phận một cửa#41;');
    expect(box).toContain('4 giờ làm việc');
    expect(lines.find((line) => line.includes(`${mermaidId('SO_A')}[`))).toContain('cơ quan 000.00.13.H56');
    expect(lines.find((line) => line.includes(`${mermaidId('SO_B')}[`))).toContain('25% thời hạn');
  });

  it('draws next as arrows, both branches included, and sendBackTo as dotted arrows labelled trả lại', () => {
    const lines = processDiagram(branching)
      .split('\n')
      .map((line) => line.trim());
    const [desk, a, b, sign] = ['TIEP_NHAN', 'SO_A', 'SO_B', 'KY'].map(mermaidId);
    expect(lines).toContain(`${desk} --> ${a}`);
    expect(lines).toContain(`${desk} --> ${b}`);
    expect(lines).toContain(`${a} --> ${sign}`);
    expect(lines).toContain(`${b} --> ${sign}`);
    expect(lines).toContain(`${sign} -.->|"trả lại"| ${a}`);
    expect(lines.filter((line) => line.includes('-->'))).toHaveLength(4);
  });

  it('shows a join as a hexagon that waits for every branch', () => {
    const join = processDiagram(branching)
      .split('\n')
      .find((line) => line.trim().startsWith(mermaidId('KY')));
    expect(join).toMatch(/\{\{".*chờ đủ các nhánh"\}\}$/);
  });

  it('escapes what Mermaid would read as syntax in names and codes', () => {
    expect(escapeMermaidText('Ký "duyệt" [A] <b> #1 & (x) | y')).toBe(
      'Ký #34;duyệt#34; #91;A#93; #60;b#62; #35;1 #38; #40;x#41; #124; y',
    );
    expect(escapeMermaidText('hai\ndòng')).toBe('hai dòng');
    expect(mermaidId('A-B"C')).toBe('s_A_2d_B_22_C');
    const hostile: ProcessDefinition = {
      ...branching,
      steps: [step('TIEP_NHAN', { name: 'end"] --> X[click "javascript:alert(1)"', actions: ['complete'] })],
    };
    const diagram = processDiagram(hostile);
    const box = diagram.split('\n')[1] ?? '';
    // The whole label stays inside one quoted box: no quote or bracket of the name survives.
    expect(box.match(/"/g)).toHaveLength(2);
    expect(box).toMatch(/^ {2}s_TIEP_NHAN\["[^"[\]]*"\]$/);
    expect(diagram).not.toContain('--> X');
  });

  it('highlights the finished steps and the open ones of a dossier', () => {
    const process = defaultProcess('district');
    const unit = { code: '000.00.22.H56', name: 'UBND huyện', tier: 'district' as const };
    const record = (code: string) => ({
      step: code,
      name: { vi: code, en: code },
      role: 'tiep_nhan' as const,
      unit,
      handedOverBy: 'system',
      startedAt: '2026-03-02T08:00:00+07:00',
      dueAt: '2026-03-02T12:00:00+07:00',
      budgetMinutes: 240,
      finishedAt: '2026-03-02T09:00:00+07:00',
      finishedBy: 'a',
      action: 'forward' as const,
      next: [],
      timeliness: 'early' as const,
      workingMinutes: 60,
    });
    const progress: ProcessProgress = {
      code: process.code,
      version: 0,
      statutoryMinutes: 1440,
      done: [record('TIEP_NHAN'), record('THAM_DINH'), record('XEM_XET')],
      active: [{ ...record('THAM_DINH'), dueAt: '2026-03-03T17:00:00+07:00' }],
    };
    const lines = processDiagram(process, progress)
      .split('\n')
      .map((line) => line.trim());
    // Sent back to the specialist: THAM_DINH is open again, not done.
    expect(lines).toContain(`class ${mermaidId('TIEP_NHAN')},${mermaidId('XEM_XET')} done`);
    expect(lines).toContain(`class ${mermaidId('THAM_DINH')} current`);
    expect(lines.some((line) => line.startsWith('classDef current'))).toBe(true);
    expect(processDiagram(process)).not.toContain('classDef');
  });
});
