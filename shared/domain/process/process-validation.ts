import { type RegisteredAgency, resolveAgency } from '../agencies/agency-registry.ts';
import type { Tier } from '../agencies/tiers.ts';
import { WORKING_DAY_MINUTES } from '../calendar/calendar.ts';
import { fieldIssuesOf } from '../common/field-issues.ts';
import type { ImportIssue } from '../intake/catalog-import.ts';
import { OFFICER_ROLES } from '../officers/officers.ts';
import {
  type Budget,
  type ProcessDefinition,
  ProcessDefinitionSchema,
  type ProcessStep,
  statutoryMinutesOf,
} from './process-definition.ts';

/**
 * One definition as the import file gives it: JSON answers the definition's position (index + 1) as
 * its line; CSV gives the editor line of the process's first row and of each step's row.
 */
export interface ProcessSource {
  line: number;
  /** The definition as read, checked by `ProcessDefinitionSchema`. */
  values: unknown;
  stepLines?: readonly number[];
  /** Cells the CSV reader could not read (a budget written "năm ngày"); reported as they are. */
  cellIssues?: readonly ImportIssue[];
}

/** A catalog procedure as far as processes care: its agency and its statutory time. */
export interface ProcessProcedure {
  code: string;
  agencyCode: string;
  tier: Tier;
  processingTime: number;
  processingUnit: 'working_days' | 'working_hours' | 'same_day';
  /** The clock stops while the applicant pays: some step must request and confirm the payment. */
  pausesForPayment?: boolean | undefined;
}

export interface ProcessValidationContext {
  /** The active catalog's procedures. */
  procedures: readonly ProcessProcedure[];
  agencies: readonly RegisteredAgency[];
  /** The tiers of the active tier profile. */
  tiers: readonly Tier[];
}

const fieldPath = (field: string) => field.replace(/\.(\d+)(?=\.|$)/g, '[$1]');

/**
 * Validates a whole set of process definitions against the catalog and the agency registry. Like the
 * catalog import it is all-or-nothing: the caller publishes only when no issue is found.
 */
export function validateProcesses(
  sources: readonly ProcessSource[],
  context: ProcessValidationContext,
): { definitions: ProcessDefinition[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const parsed: { source: ProcessSource; definition: ProcessDefinition }[] = [];
  for (const source of sources) {
    const lineOf = lineFinder(source);
    issues.push(...(source.cellIssues ?? []));
    const readFields = (source.cellIssues ?? []).map((issue) => issue.field);
    const result = ProcessDefinitionSchema.safeParse(source.values);
    if (!result.success) {
      for (const issue of fieldIssuesOf(result.error)) {
        const field = fieldPath(issue.field);
        if (readFields.some((read) => field === read || field.startsWith(`${read}.`))) continue;
        issues.push({
          line: lineOf(field),
          field,
          reason: roleReason(field, source.values) ?? issue.message,
        });
      }
      continue;
    }
    parsed.push({ source, definition: result.data });
  }
  if (sources.length === 0) {
    issues.push({
      line: 0,
      field: '(file)',
      reason: { vi: 'Tệp không có quy trình nào.', en: 'The file has no process definitions.' },
    });
  }
  issues.push(...validateSet(parsed, context));
  return { definitions: issues.length === 0 ? parsed.map((p) => p.definition) : [], issues };
}

function lineFinder(source: ProcessSource) {
  return (field: string) => {
    const step = /^steps\[(\d+)\]/.exec(field);
    return (step && source.stepLines?.[Number(step[1])]) || source.line;
  };
}

/** zod refuses an unknown role with the list of roles; the message also names the one written. */
function roleReason(field: string, values: unknown) {
  const match = /^steps\[(\d+)\]\.role$/.exec(field);
  const steps = typeof values === 'object' && values !== null && 'steps' in values ? values.steps : undefined;
  if (!match || !Array.isArray(steps)) return undefined;
  const step: unknown = steps[Number(match[1])];
  if (typeof step !== 'object' || step === null || !('role' in step) || step.role === undefined)
    return undefined;
  const role = String(step.role);
  const roles = OFFICER_ROLES.join(', ');
  return {
    vi: `Vai trò "${role}" không tồn tại; các vai trò: ${roles}.`,
    en: `There is no role "${role}"; the roles are ${roles}.`,
  };
}

function validateSet(
  parsed: readonly { source: ProcessSource; definition: ProcessDefinition }[],
  context: ProcessValidationContext,
): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const procedures = new Map(context.procedures.map((procedure) => [procedure.code, procedure]));
  const processLines = new Map<string, number>();
  const namedBy = new Map<string, { process: string; line: number }>();
  const defaults = new Map<Tier, { process: string; line: number }>();
  const graphs = new Map<ProcessDefinition, Graph>();
  for (const { source, definition } of parsed) {
    const lineOf = lineFinder(source);
    const firstLine = processLines.get(definition.code);
    if (firstLine !== undefined) {
      issues.push({
        line: source.line,
        field: 'code',
        reason: {
          vi: `Mã quy trình ${definition.code} trùng với dòng ${firstLine}.`,
          en: `Duplicate process code ${definition.code} (first on line ${firstLine}).`,
        },
      });
    } else processLines.set(definition.code, source.line);
    definition.procedureCodes.forEach((code, index) => {
      const field = `procedureCodes[${index}]`;
      if (!procedures.has(code)) {
        issues.push({
          line: source.line,
          field,
          reason: {
            vi: `Thủ tục ${code} không có trong danh mục đang áp dụng.`,
            en: `Procedure ${code} is not in the active catalog.`,
          },
        });
        return;
      }
      const earlier = namedBy.get(code);
      if (earlier) {
        issues.push({
          line: source.line,
          field,
          reason: {
            vi: `Thủ tục ${code} đã thuộc quy trình ${earlier.process} (dòng ${earlier.line}); mỗi thủ tục chỉ theo một quy trình.`,
            en: `Procedure ${code} already follows process ${earlier.process} (line ${earlier.line}); a procedure follows one process.`,
          },
        });
      } else namedBy.set(code, { process: definition.code, line: source.line });
    });
    const tier = definition.defaultForTier;
    if (tier) {
      const earlier = defaults.get(tier);
      if (!context.tiers.includes(tier)) {
        issues.push({
          line: source.line,
          field: 'defaultForTier',
          reason: {
            vi: `Cấp ${tier} không có trong mô hình cấp hành chính đang dùng.`,
            en: `Tier ${tier} is not in the active tier profile.`,
          },
        });
      } else if (earlier) {
        issues.push({
          line: source.line,
          field: 'defaultForTier',
          reason: {
            vi: `Cấp ${tier} đã có quy trình mặc định ${earlier.process} (dòng ${earlier.line}).`,
            en: `Tier ${tier} already has the default process ${earlier.process} (line ${earlier.line}).`,
          },
        });
      } else defaults.set(tier, { process: definition.code, line: source.line });
    }
    const structure = validateStructure(definition);
    graphs.set(definition, structure.graph);
    for (const issue of structure.issues) issues.push({ ...issue, line: lineOf(issue.field) });
  }
  for (const { source, definition } of parsed) {
    const lineOf = lineFinder(source);
    const applies = appliesTo(definition, context.procedures, namedBy);
    for (const issue of validateAgainstCatalog(definition, graphs.get(definition), applies, context))
      issues.push({ ...issue, line: lineOf(issue.field) });
  }
  return issues;
}

/** The procedures a definition governs: those it names, or for a tier default the others of its tier. */
function appliesTo(
  definition: ProcessDefinition,
  procedures: readonly ProcessProcedure[],
  namedBy: ReadonlyMap<string, { process: string }>,
): ProcessProcedure[] {
  const named = procedures.filter((procedure) => definition.procedureCodes.includes(procedure.code));
  const tier = definition.defaultForTier;
  if (!tier) return named;
  const byDefault = procedures.filter(
    (procedure) => procedure.tier === tier && !namedBy.has(procedure.code) && !named.includes(procedure),
  );
  return [...named, ...byDefault];
}

type StepIssue = Omit<ImportIssue, 'line'>;

/** The step graph along `next`: what each step opens and what opens it. */
interface Graph {
  steps: readonly ProcessStep[];
  next: readonly number[][];
  predecessors: readonly number[][];
  acyclic: boolean;
}

function validateStructure(definition: ProcessDefinition): { issues: StepIssue[]; graph: Graph } {
  const issues: StepIssue[] = [];
  const steps = definition.steps;
  const index = new Map<string, number>();
  steps.forEach((step, at) => {
    if (index.has(step.code)) {
      issues.push({
        field: `steps[${at}].code`,
        reason: {
          vi: `Mã bước ${step.code} bị trùng (bước ${(index.get(step.code) ?? 0) + 1}).`,
          en: `Duplicate step code ${step.code} (step ${(index.get(step.code) ?? 0) + 1}).`,
        },
      });
    } else index.set(step.code, at);
  });
  const unknown = (field: string, code: string) =>
    issues.push({
      field,
      reason: {
        vi: `Không có bước ${code} trong quy trình.`,
        en: `There is no step ${code} in the process.`,
      },
    });
  const next = steps.map((step, at) =>
    step.next.flatMap((code, k) => {
      const target = index.get(code);
      if (target === undefined) unknown(`steps[${at}].next[${k}]`, code);
      return target === undefined ? [] : [target];
    }),
  );
  steps.forEach((step, at) => {
    step.sendBackTo.forEach((code, k) => {
      if (!index.has(code)) unknown(`steps[${at}].sendBackTo[${k}]`, code);
    });
  });
  const predecessors = steps.map((): number[] => []);
  next.forEach((targets, from) => {
    for (const to of new Set(targets)) predecessors[to]?.push(from);
  });

  const cycles = cyclesOf(next);
  for (const cycle of cycles) {
    const closing = cycle[cycle.length - 1] ?? 0;
    const names = [...cycle, cycle[0] ?? 0].map((at) => steps[at]?.code).join(' → ');
    issues.push({
      field: `steps[${closing}].next`,
      reason: {
        vi: `Vòng lặp theo next: ${names}. Chỉ được quay lại bước trước bằng sendBackTo.`,
        en: `A cycle along next: ${names}. Only sendBackTo may return to an earlier step.`,
      },
    });
  }
  const graph: Graph = { steps, next, predecessors, acyclic: cycles.length === 0 };

  const reachable = reach([0], next);
  const finals = steps.flatMap((step, at) => (step.next.length === 0 ? [at] : []));
  const endsFrom = reach(finals, predecessors);
  steps.forEach((step, at) => {
    if (!reachable.has(at)) {
      issues.push({
        field: `steps[${at}].code`,
        reason: {
          vi: `Bước ${step.code} không đến được từ bước đầu ${steps[0]?.code}.`,
          en: `Step ${step.code} cannot be reached from the first step ${steps[0]?.code}.`,
        },
      });
    }
    if (!endsFrom.has(at)) {
      issues.push({
        field: `steps[${at}].next`,
        reason: {
          vi: `Từ bước ${step.code} không đến được bước kết thúc nào (bước có next rỗng).`,
          en: `No final step (one with empty next) can be reached from step ${step.code}.`,
        },
      });
    }
    if (step.join && (predecessors[at]?.length ?? 0) < 2) {
      issues.push({
        field: `steps[${at}].join`,
        reason: {
          vi: `Bước ${step.code} là bước hợp nhánh nhưng chỉ có ${predecessors[at]?.length ?? 0} bước chuyển đến.`,
          en: `Step ${step.code} joins branches but only ${predecessors[at]?.length ?? 0} step(s) lead to it.`,
        },
      });
    }
    step.sendBackTo.forEach((code, k) => {
      const target = index.get(code);
      if (target === undefined) return;
      if (target === at || !reach([target], next).has(at)) {
        issues.push({
          field: `steps[${at}].sendBackTo[${k}]`,
          reason: {
            vi: `Bước ${step.code} chỉ được trả lại bước đứng trước nó trên một nhánh; ${code} không phải.`,
            en: `Step ${step.code} may only send back to a step before it on a path; ${code} is not.`,
          },
        });
      }
    });
    if (step.actions.includes('return_result') && step.next.length > 0) {
      issues.push({
        field: `steps[${at}].actions`,
        reason: {
          vi: `Bước ${step.code} trả kết quả (return_result) nhưng vẫn có bước tiếp theo.`,
          en: `Step ${step.code} returns the result (return_result) but has next steps.`,
        },
      });
    }
  });
  if (steps[0]?.actions.includes('complete')) {
    issues.push({
      field: 'steps[0].actions',
      reason: {
        vi: `Bước đầu ${steps[0].code} là bước tiếp nhận; không thể ký kết quả (complete) tại đó.`,
        en: `The first step ${steps[0].code} receives the dossier; it cannot sign the result (complete).`,
      },
    });
  }
  if (![...reachable].some((at) => steps[at]?.actions.includes('complete'))) {
    issues.push({
      field: 'steps',
      reason: {
        vi: 'Không bước nào có thao tác ký kết quả (complete): hồ sơ không thể có kết quả.',
        en: 'No step has the complete action: no result could ever be signed.',
      },
    });
  }
  if (graph.acyclic) issues.push(...shareIssues(graph));
  return { issues, graph };
}

function reach(from: readonly number[], edges: readonly (readonly number[])[]): Set<number> {
  const seen = new Set<number>(from);
  const queue = [...from];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    for (const to of edges[at] ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

/** Each distinct cycle along `next`, as the steps met on it (depth-first, from step order). */
function cyclesOf(next: readonly (readonly number[])[]): number[][] {
  const state = next.map((): 'new' | 'open' | 'done' => 'new');
  const stack: number[] = [];
  const cycles: number[][] = [];
  const seen = new Set<string>();
  const visit = (at: number) => {
    state[at] = 'open';
    stack.push(at);
    for (const to of next[at] ?? []) {
      if (state[to] === 'open') {
        const cycle = stack.slice(stack.indexOf(to));
        const key = [...cycle].sort((a, b) => a - b).join(',');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (state[to] === 'new') visit(to);
    }
    stack.pop();
    state[at] = 'done';
  };
  next.forEach((_, at) => {
    if (state[at] === 'new') visit(at);
  });
  return cycles;
}

const SHARE_TOLERANCE = 1e-9;

/** Longest and shortest total along the paths from the first step to a final step. */
function pathTotals(graph: Graph, weight: (step: ProcessStep) => number | undefined) {
  const memo = new Map<number, { min: number; max: number; longest: number[] } | undefined>();
  const walk = (at: number): { min: number; max: number; longest: number[] } | undefined => {
    if (memo.has(at)) return memo.get(at);
    const step = graph.steps[at];
    const own = step && weight(step);
    let result: { min: number; max: number; longest: number[] } | undefined;
    if (own !== undefined) {
      const targets = graph.next[at] ?? [];
      if (targets.length === 0) result = { min: own, max: own, longest: [at] };
      for (const to of targets) {
        const rest = walk(to);
        if (!rest) continue;
        const longer = !result || rest.max + own > result.max;
        result = {
          min: Math.min(result?.min ?? Number.POSITIVE_INFINITY, rest.min + own),
          max: Math.max(result?.max ?? Number.NEGATIVE_INFINITY, rest.max + own),
          longest: longer ? [at, ...rest.longest] : (result?.longest ?? []),
        };
      }
    }
    memo.set(at, result);
    return result;
  };
  return walk(0);
}

/** Paths budgeted only in shares of the statutory time must share all of it. */
function shareIssues(graph: Graph): StepIssue[] {
  if (!graph.steps.some((step) => step.budget.unit === 'share')) return [];
  const totals = pathTotals(graph, ({ budget }) =>
    budget.unit === 'share' ? budget.amount : budget.amount === 0 ? 0 : undefined,
  );
  if (!totals) return [];
  const issues: StepIssue[] = [];
  for (const total of new Set([totals.min, totals.max])) {
    if (Math.abs(total - 1) <= SHARE_TOLERANCE) continue;
    issues.push({
      field: 'steps',
      reason: {
        vi: `Tỷ lệ thời hạn (share) các bước trên một nhánh cộng lại ${round(total)}, phải bằng 1.`,
        en: `The share budgets along a path total ${round(total)}; they must total 1.`,
      },
    });
  }
  return issues;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** A step's budget in working minutes, unrounded: the budgets must add up to the statutory time exactly. */
function exactMinutes(budget: Budget, statutoryMinutes: number): number {
  if (budget.unit === 'share') return budget.amount * statutoryMinutes;
  return budget.amount * (budget.unit === 'working_days' ? WORKING_DAY_MINUTES : 60);
}

/** A gap in working time as an officer reads it: whole days, else hours, else minutes. */
export function workingTimeText(minutes: number): { vi: string; en: string } {
  const value = Math.round(minutes);
  if (value % WORKING_DAY_MINUTES === 0) {
    const days = value / WORKING_DAY_MINUTES;
    return { vi: `${days} ngày làm việc`, en: `${days} working day${days === 1 ? '' : 's'}` };
  }
  if (value % 60 === 0) {
    const hours = value / 60;
    return { vi: `${hours} giờ làm việc`, en: `${hours} working hour${hours === 1 ? '' : 's'}` };
  }
  return { vi: `${value} phút làm việc`, en: `${value} working minute${value === 1 ? '' : 's'}` };
}

function validateAgainstCatalog(
  definition: ProcessDefinition,
  graph: Graph | undefined,
  applies: readonly ProcessProcedure[],
  context: ProcessValidationContext,
): StepIssue[] {
  const issues: StepIssue[] = [];
  for (const procedure of applies) {
    const statutory = statutoryMinutesOf(procedure);
    const totals = graph?.acyclic
      ? pathTotals(graph, ({ budget }) => exactMinutes(budget, statutory))
      : undefined;
    if (totals && Math.abs(totals.max - statutory) > 1e-6) {
      const gap = workingTimeText(Math.abs(totals.max - statutory));
      const path = totals.longest.map((at) => graph?.steps[at]?.code).join(' → ');
      const short = totals.max < statutory;
      issues.push({
        field: 'steps',
        reason: short
          ? {
              vi: `Thủ tục ${procedure.code}: thời hạn các bước trên nhánh dài nhất (${path}) thiếu ${gap.vi} so với thời hạn giải quyết ${workingTimeText(statutory).vi}.`,
              en: `Procedure ${procedure.code}: the longest path's budgets (${path}) are ${gap.en} short of the statutory ${workingTimeText(statutory).en}.`,
            }
          : {
              vi: `Thủ tục ${procedure.code}: thời hạn các bước trên nhánh dài nhất (${path}) vượt ${gap.vi} so với thời hạn giải quyết ${workingTimeText(statutory).vi}.`,
              en: `Procedure ${procedure.code}: the longest path's budgets (${path}) exceed the statutory ${workingTimeText(statutory).en} by ${gap.en}.`,
            },
      });
    }
  }
  const offers = (action: 'request_payment' | 'confirm_payment') =>
    definition.steps.some((step) => step.actions.includes(action));
  for (const procedure of applies.filter((candidate) => candidate.pausesForPayment === true)) {
    if (!offers('request_payment') || !offers('confirm_payment')) {
      issues.push({
        field: 'steps',
        reason: {
          vi: `Thủ tục ${procedure.code} có thực hiện nghĩa vụ tài chính: cần một bước có thao tác request_payment và confirm_payment.`,
          en: `Procedure ${procedure.code} involves paying financial obligations: some step must offer request_payment and confirm_payment.`,
        },
      });
    }
  }
  const agencies = context.agencies;
  definition.steps.forEach((step, at) => {
    const field = `steps[${at}].unit`;
    const unit = step.unit;
    if (typeof unit === 'object' && 'agency' in unit) {
      const named = resolveAgency(agencies, unit.agency);
      if (!named) {
        issues.push({
          field,
          reason: {
            vi: `Bước ${step.code}: không có cơ quan ${unit.agency} trong danh mục cơ quan.`,
            en: `Step ${step.code}: there is no agency ${unit.agency} in the registry.`,
          },
        });
      } else if (!context.tiers.includes(named.tier)) {
        issues.push({
          field,
          reason: {
            vi: `Bước ${step.code}: cơ quan ${named.code} thuộc cấp ${named.tier}, không có trong mô hình cấp hành chính đang dùng.`,
            en: `Step ${step.code}: agency ${named.code} is at the ${named.tier} tier, which the active tier profile does not have.`,
          },
        });
      }
      return;
    }
    if (typeof unit === 'object') {
      if (!context.tiers.includes(unit.tier)) {
        issues.push({
          field,
          reason: {
            vi: `Bước ${step.code}: cấp ${unit.tier} không có trong mô hình cấp hành chính đang dùng.`,
            en: `Step ${step.code}: tier ${unit.tier} is not in the active tier profile.`,
          },
        });
        return;
      }
      for (const procedure of applies) {
        if (unitAtTier(agencies, procedure.agencyCode, unit.tier)) continue;
        issues.push({
          field,
          reason: {
            vi: `Bước ${step.code}: cơ quan ${procedure.agencyCode} của thủ tục ${procedure.code} không thuộc đơn vị cấp ${unit.tier} nào.`,
            en: `Step ${step.code}: agency ${procedure.agencyCode} of procedure ${procedure.code} has no ${unit.tier} unit above it.`,
          },
        });
      }
      return;
    }
    if (unit !== 'parent') return;
    for (const procedure of applies) {
      const agency = resolveAgency(agencies, procedure.agencyCode);
      if (!agency || agency.parentCode) continue;
      issues.push({
        field,
        reason: {
          vi: `Bước ${step.code}: cơ quan ${agency.code} của thủ tục ${procedure.code} không có cơ quan cấp trên.`,
          en: `Step ${step.code}: agency ${agency.code} of procedure ${procedure.code} has no parent.`,
        },
      });
    }
  });
  return issues;
}

/** The unit itself or its nearest ancestor at `tier` (walking `parentCode`), if any. */
export function unitAtTier(
  agencies: readonly RegisteredAgency[],
  agencyCode: string,
  tier: Tier,
): RegisteredAgency | undefined {
  const seen = new Set<string>();
  for (let agency = resolveAgency(agencies, agencyCode); agency; ) {
    if (agency.tier === tier) return agency;
    if (seen.has(agency.code) || !agency.parentCode) return undefined;
    seen.add(agency.code);
    agency = resolveAgency(agencies, agency.parentCode);
  }
  return undefined;
}
