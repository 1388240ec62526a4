import { OFFICER_ROLE_NAMES } from '../officers/officers.ts';
import type { Budget, ProcessDefinition, ProcessStep, UnitReference } from './process-definition.ts';
import type { ProcessProgress } from './process-state.ts';

/**
 * Characters Mermaid reads as syntax inside a quoted label (quotes, brackets, entity marks, HTML) are
 * written as its numeric entity codes `#<code>;`; line breaks become spaces.
 */
export function escapeMermaidText(text: string): string {
  return text.replace(/["#&<>[\]{}()|`]/g, (char) => `#${char.charCodeAt(0)};`).replace(/\s+/g, ' ');
}

/** A node id Mermaid accepts whatever the code: letters, digits and _, other characters spelled out. */
export function mermaidId(code: string): string {
  return `s_${code.replace(/[^A-Za-z0-9_]/g, (char) => `_${char.charCodeAt(0).toString(16)}_`)}`;
}

const formatAmount = (amount: number) => String(Math.round(amount * 1000) / 1000);

export function budgetText(budget: Budget): string {
  if (budget.unit === 'share') return `${formatAmount(budget.amount * 100)}% thời hạn`;
  return `${formatAmount(budget.amount)} ${budget.unit === 'working_days' ? 'ngày' : 'giờ'} làm việc`;
}

export function unitText(unit: UnitReference): string {
  if (unit === 'receiving') return 'đơn vị tiếp nhận';
  if (unit === 'current') return 'đơn vị đang giữ hồ sơ';
  if (unit === 'parent') return 'đơn vị cấp trên';
  if ('agency' in unit) return `cơ quan ${unit.agency}`;
  return `cấp ${unit.tier}`;
}

function label(step: ProcessStep): string {
  const lines = [
    `${step.code}: ${step.name}`,
    `${OFFICER_ROLE_NAMES[step.role].vi} – ${unitText(step.unit)}`,
    budgetText(step.budget),
    ...(step.join ? ['chờ đủ các nhánh'] : []),
  ];
  return lines.map(escapeMermaidText).join('<br/>');
}

/**
 * The definition as a Mermaid `flowchart TD`: one box per step (name, role, unit, budget), solid
 * arrows along `next`, dotted arrows labelled "trả lại" for `sendBackTo`, join steps drawn as
 * hexagons. Given a dossier's progress, finished steps and the open ones are highlighted.
 */
export function processDiagram(definition: ProcessDefinition, progress?: ProcessProgress): string {
  const lines = ['flowchart TD'];
  for (const step of definition.steps) {
    const text = `"${label(step)}"`;
    lines.push(`  ${mermaidId(step.code)}${step.join ? `{{${text}}}` : `[${text}]`}`);
  }
  for (const step of definition.steps) {
    for (const next of step.next) lines.push(`  ${mermaidId(step.code)} --> ${mermaidId(next)}`);
  }
  for (const step of definition.steps) {
    for (const back of step.sendBackTo)
      lines.push(`  ${mermaidId(step.code)} -.->|"trả lại"| ${mermaidId(back)}`);
  }
  if (progress) {
    const active = new Set(progress.active.map((step) => step.step));
    const done = new Set(progress.done.map((record) => record.step).filter((code) => !active.has(code)));
    const known = new Set(definition.steps.map((step) => step.code));
    lines.push('  classDef done fill:#dcfce7,stroke:#15803d');
    lines.push('  classDef current fill:#fef3c7,stroke:#b45309,stroke-width:3px');
    const mark = (codes: Set<string>, name: string) => {
      const ids = [...codes].filter((code) => known.has(code)).map(mermaidId);
      if (ids.length > 0) lines.push(`  class ${ids.join(',')} ${name}`);
    };
    mark(done, 'done');
    mark(active, 'current');
  }
  return `${lines.join('\n')}\n`;
}
