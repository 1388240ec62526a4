import type { KpiResponse, KpiRow } from '../../shared/contracts/kpi.ts';
import type { Tier } from '../../shared/domain/agencies/tiers.ts';
import { KPI_RATE_NAMES } from '../../shared/domain/kpi/rate-names.ts';
import { isKpiResponse } from './answers.ts';
import { fetchWithin, isErrorBody, jsonOf } from './api.ts';
import { basePath, byId } from './dom.ts';
import { emptyState } from './empty-state.ts';
import {
  addMonths,
  civilNow,
  granularityOf,
  monthOf,
  periodLabel,
  periodOptions,
  trendEnd,
} from './periods.ts';
import { stepLines } from './steps-table.ts';

type Scope = KpiRow['scope'];
type AgencyScope = Extract<Scope, { kind: 'agency' }>;
type AgencyRow = KpiRow & { scope: AgencyScope };
type Formulas = KpiResponse['formulas'];
type Child = Node | string | undefined | null;

interface State {
  period: string;
  unit: string;
  tier: Tier | '';
}

interface Bar {
  label: string;
  value: number;
  display: string;
  color: string;
  open?: () => void;
}

interface TrendPoint {
  month: string;
  received: number;
  onTime: number;
  late: number;
}

const base = basePath('dashboard');
const SVG = 'http://www.w3.org/2000/svg';
const TIERS: Record<Tier, [string, string]> = {
  commune: ['Cấp xã', 'Commune'],
  district: ['Cấp huyện', 'District'],
  province: ['Cấp tỉnh', 'Province'],
  central: ['Trung ương', 'Central'],
};
const TIER_ORDER: Tier[] = ['province', 'district', 'commune', 'central'];
const isTier = (value: string | null): value is Tier => value !== null && Object.hasOwn(TIERS, value);
const isAgency = (row: KpiRow): row is AgencyRow => row.scope.kind === 'agency';
const number = (n: number) => Number(n).toLocaleString('vi-VN');
const percent = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1).replace('.', ',')}%`;
const score = (n: number) => Number(n).toFixed(2).replace('.', ',');

/** Builds an element; children may be nodes or text, never markup. */
function el(
  name: string,
  attributes: Record<string, string | number | undefined | null> = {},
  ...children: Child[]
): HTMLElement {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes))
    if (value !== undefined && value !== null) node.setAttribute(key, String(value));
  node.append(...children.filter((child): child is Node | string => child !== undefined && child !== null));
  return node;
}
function svg(name: string, attributes: Record<string, string | number> = {}, text?: string): SVGElement {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}
const bilingual = (vi: string, en: string): (string | Node)[] => [
  vi,
  ' ',
  el('span', { class: 'en', lang: 'en' }, en),
];

const now = civilNow(new Date());
const currentMonth = monthOf(now);

function readState(): State {
  const params = new URLSearchParams(location.search);
  const period = params.get('period');
  const tier = params.get('tier');
  return {
    period: period && granularityOf(period) ? period : currentMonth,
    unit: params.get('unit') || '',
    tier: isTier(tier) ? tier : '',
  };
}
let state = readState();
function stateQuery(s: State): string {
  const params = new URLSearchParams({ period: s.period });
  if (s.unit) params.set('unit', s.unit);
  else if (s.tier) params.set('tier', s.tier);
  return params.toString();
}
function navigate(next: State) {
  state = next;
  history.pushState(null, '', `?${stateQuery(state)}`);
  void load(true);
}
window.addEventListener('popstate', () => {
  state = readState();
  void load(true);
});

class ApiError extends Error {}
async function getKpi(params: Record<string, string>): Promise<KpiResponse> {
  let response: Response;
  try {
    response = await fetchWithin(`${base}kpi?${new URLSearchParams(params)}`, {
      headers: { accept: 'application/json' },
    });
  } catch (lost) {
    const message = isErrorBody(lost) ? lost.error.message : undefined;
    throw new ApiError(
      message ? `${message.vi} / ${message.en}` : 'Không kết nối được máy chủ. / Could not reach the server.',
    );
  }
  const body = await jsonOf(response);
  if (!response.ok || !isKpiResponse(body)) {
    const message = isErrorBody(body) ? body.error.message : undefined;
    throw new ApiError(
      message ? `${message.vi} / ${message.en}` : `Lỗi ${response.status} / Error ${response.status}`,
    );
  }
  return body;
}
const allRows = new Map<string, Promise<KpiResponse>>();
function rowsOfPeriod(period: string): Promise<KpiResponse> {
  let rows = allRows.get(period);
  if (!rows) {
    rows = getKpi({ period }).catch((error: unknown) => {
      allRows.delete(period);
      throw error;
    });
    allRows.set(period, rows);
  }
  return rows;
}

const tierName = (tier: Tier) => `${TIERS[tier][0]} / ${TIERS[tier][1]}`;
const scopeName = (row: KpiRow) =>
  row.scope.kind === 'province'
    ? 'Toàn tỉnh / Whole province'
    : row.scope.kind === 'tier'
      ? tierName(row.scope.tier)
      : row.scope.name;
const unitLink = (row: AgencyRow, text?: string) => {
  const next: State = { period: state.period, unit: row.scope.code, tier: '' };
  const link = el('a', { href: `?${stateQuery(next)}` }, text ?? row.scope.name);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    navigate(next);
  });
  return link;
};

function fillPeriods(granularity: string, selected?: string) {
  const options = periodOptions(granularity, now);
  const fits = selected !== undefined && granularityOf(selected) === granularity;
  if (fits && !options.includes(selected)) options.unshift(selected);
  const period = byId('period', HTMLSelectElement);
  period.replaceChildren(...options.map((p) => el('option', { value: p }, periodLabel(p))));
  period.value = fits ? selected : (options[0] ?? '');
}
byId('granularity').addEventListener('change', () =>
  fillPeriods(byId('granularity', HTMLSelectElement).value),
);
byId('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  const choice = byId('unit', HTMLSelectElement).value;
  const tier = choice.startsWith('tier:') ? choice.slice(5) : null;
  navigate({
    period: byId('period', HTMLSelectElement).value,
    unit: tier === null ? choice : '',
    tier: isTier(tier) ? tier : '',
  });
});

function fillUnits(rows: KpiRow[]) {
  const units = rows.filter(isAgency);
  const tiers = TIER_ORDER.filter((t) => rows.some((r) => r.scope.kind === 'tier' && r.scope.tier === t));
  const groups = [el('option', { value: '' }, 'Toàn tỉnh / Whole province')];
  if (tiers.length)
    groups.push(
      el(
        'optgroup',
        { label: 'Theo cấp / By tier' },
        ...tiers.map((t) => el('option', { value: `tier:${t}` }, tierName(t))),
      ),
    );
  for (const t of TIER_ORDER) {
    const members = units
      .filter((r) => r.scope.tier === t)
      .sort((a, b) => a.scope.name.localeCompare(b.scope.name, 'vi'));
    if (members.length)
      groups.push(
        el(
          'optgroup',
          { label: `Đơn vị ${TIERS[t][0].toLowerCase()} / ${TIERS[t][1]} units` },
          ...members.map((r) => el('option', { value: r.scope.code }, `${r.scope.name} (${r.scope.code})`)),
        ),
      );
  }
  const unit = byId('unit', HTMLSelectElement);
  unit.replaceChildren(...groups);
  unit.value = state.unit || (state.tier ? `tier:${state.tier}` : '');
}

function crumbs(rows: KpiRow[], row: KpiRow) {
  const items: AgencyRow[] = [];
  const byCode = new Map(rows.filter(isAgency).map((r) => [r.scope.code, r]));
  let current: AgencyRow | undefined = isAgency(row) ? row : undefined;
  const seen = new Set<string>();
  while (current && !seen.has(current.scope.code)) {
    seen.add(current.scope.code);
    items.unshift(current);
    current = current.scope.parentCode ? byCode.get(current.scope.parentCode) : undefined;
  }
  const home: State = { period: state.period, unit: '', tier: '' };
  const homeLink = el('a', { href: `?${stateQuery(home)}` }, 'Toàn tỉnh / Province');
  homeLink.addEventListener('click', (event) => {
    event.preventDefault();
    navigate(home);
  });
  const list = [
    el(
      'li',
      {},
      row.scope.kind === 'province'
        ? el('span', { 'aria-current': 'page' }, 'Toàn tỉnh / Province')
        : homeLink,
    ),
  ];
  if (row.scope.kind === 'tier')
    list.push(el('li', {}, el('span', { 'aria-current': 'page' }, scopeName(row))));
  items.forEach((item, index) => {
    list.push(
      el(
        'li',
        {},
        index === items.length - 1 ? el('span', { 'aria-current': 'page' }, item.scope.name) : unitLink(item),
      ),
    );
  });
  byId('crumbs').replaceChildren(...list);
}

function card(name: Child[], value: HTMLElement, lines: HTMLElement[]) {
  return el('li', { class: 'card' }, el('p', { class: 'name' }, ...name), value, ...lines);
}
function cards(row: KpiRow, formulas: Formulas) {
  const c = row.counts;
  const formulaOf = (name: string) =>
    formulas[name] ?? { name: { vi: name, en: name }, formula: '', source: '' };
  const count = (id: string, name: Child[], value: number, extra: string) =>
    card(name, el('p', { class: 'value', id, 'data-value': value }, number(value)), [
      el('p', { class: 'fraction' }, extra),
    ]);
  const list = [
    count(
      'received-count',
      bilingual('Hồ sơ tiếp nhận', 'Received'),
      c.received,
      `Trực tuyến / online ${number(c.receivedOnline)} · trực tiếp / counter ${number(c.receivedCounter)} · bưu chính / postal ${number(c.receivedPostal)} · giấy tiếp nhận ký số / receipts signed ${number(c.receiptsSigned)} / ${number(c.receiptsIssued)} (không tính vào tỷ lệ ký số / not in the signing rate)`,
    ),
    count(
      'settled-count',
      bilingual('Đã giải quyết', 'Settled'),
      c.settled,
      `Trước hạn / early ${number(c.settledEarly)} · đúng hạn / on time ${number(c.settledOnTime)} · quá hạn / late ${number(c.settledLate)}`,
    ),
    count(
      'pending-count',
      bilingual('Đang giải quyết', 'Open'),
      c.pendingWithinTime + c.pendingOverdue,
      `Trong hạn / within time ${number(c.pendingWithinTime)} · quá hạn / overdue ${number(c.pendingOverdue)}`,
    ),
  ];
  for (const name of KPI_RATE_NAMES) {
    const rate = row.indicators[name];
    const formula = formulaOf(name);
    const id = `formula-${name}`;
    const lines = [el('p', { class: 'fraction' }, `${number(rate.numerator)} / ${number(rate.denominator)}`)];
    if (rate.target !== undefined) {
      const met = rate.targetMet;
      lines.push(
        el(
          'p',
          { class: met === true ? 'met' : met === false ? 'unmet' : '' },
          `Chỉ tiêu / target ${percent(rate.target)}: ${met === true ? 'đạt / met' : met === false ? 'chưa đạt / not met' : 'chưa có số liệu / no data'}`,
        ),
      );
    }
    lines.push(el('p', { class: 'formula', id }, `${formula.formula} — ${formula.source}`));
    list.push(
      card(
        bilingual(formula.name.vi, formula.name.en),
        el('p', { class: 'value', 'aria-describedby': id, 'data-rate': name }, percent(rate.value)),
        lines,
      ),
    );
  }
  const days = row.indicators.averageProcessingDays;
  const processing = formulaOf('averageProcessingDays');
  list.push(
    card(
      bilingual(processing.name.vi, processing.name.en),
      el(
        'p',
        { class: 'value', id: 'average-processing-days' },
        days === null ? '—' : `${days.toFixed(1).replace('.', ',')} ngày / days`,
      ),
      [
        el(
          'p',
          { class: 'fraction' },
          `${number(c.processingWorkingMinutes)} phút làm việc / working minutes · ${number(c.settledTimed)} hồ sơ / dossiers`,
        ),
        el('p', { class: 'formula' }, `${processing.formula} — ${processing.source}`),
      ],
    ),
  );
  const avg = row.indicators.averageRating;
  const average = formulaOf('averageRating');
  list.push(
    card(
      bilingual(average.name.vi, average.name.en),
      el('p', { class: 'value' }, avg === null ? '—' : `${avg.toFixed(2).replace('.', ',')} / 5`),
      [
        el('p', { class: 'fraction' }, `${number(c.feedbackRatingSum)} / ${number(c.feedbackCount)}`),
        el('p', { class: 'formula' }, `${average.formula} — ${average.source}`),
      ],
    ),
  );
  const s = row.score;
  const score766 = formulaOf('score766');
  const rankLine = isAgency(row)
    ? row.rank
      ? `Hạng / rank ${row.rank} (${TIERS[row.scope.tier][0].toLowerCase()} / ${TIERS[row.scope.tier][1].toLowerCase()})`
      : 'Chưa xếp hạng / not ranked'
    : undefined;
  const scoreLines = [el('p', { class: 'fraction' }, `Tối đa đo được / measured max ${s.measuredMaxPoints}`)];
  if (rankLine) scoreLines.push(el('p', { class: 'fraction' }, rankLine));
  scoreLines.push(el('p', { class: 'formula' }, `${score766.formula} — ${score766.source}`));
  list.push(
    card(
      bilingual(score766.name.vi, score766.name.en),
      el('p', { class: 'value', id: 'score-total' }, `${score(s.total)} / 100`),
      scoreLines,
    ),
  );
  byId('cards').replaceChildren(...list);
}

function table(caption: string, headers: string[], rows: Child[][]) {
  return el(
    'div',
    { class: 'scroll' },
    el(
      'table',
      {},
      el('caption', {}, caption),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...headers.map((h, i) => el('th', { scope: 'col', class: i === 0 ? 'text' : undefined }, h)),
        ),
      ),
      el(
        'tbody',
        {},
        ...rows.map((cells) =>
          el(
            'tr',
            {},
            ...cells.map((cell, i) =>
              i === 0 ? el('th', { scope: 'row', class: 'text' }, cell) : el('td', {}, cell),
            ),
          ),
        ),
      ),
    ),
  );
}
function chartSvg(label: string, width: number, height: number) {
  const node = svg('svg', {
    role: 'img',
    'aria-label': label,
    viewBox: `0 0 ${width} ${height}`,
    focusable: 'false',
  });
  node.append(svg('title', {}, label));
  return node;
}
function legend(items: [string, string][]) {
  return el(
    'ul',
    { class: 'legend', 'aria-hidden': 'true' },
    ...items.map(([text, color]) => {
      const swatch = el('span');
      swatch.style.background = color;
      return el('li', {}, swatch, text);
    }),
  );
}

/** Horizontal bars: a label line, then the bar with its value; `max` shares one scale. */
function barChart(label: string, items: Bar[]) {
  const width = 420;
  const row = 44;
  // Room after the longest bar for its value, e.g. "100,0% (9.999/9.999)".
  const room = 150;
  const max = Math.max(1, ...items.map((i) => i.value));
  const node = chartSvg(label, width, Math.max(row, items.length * row) + 4);
  items.forEach((item, index) => {
    const y = index * row;
    node.append(svg('text', { x: 0, y: y + 15, 'font-size': 14 }, item.label));
    const barWidth = item.value > 0 ? Math.max(2, (item.value / max) * (width - room)) : 0;
    const bar = svg('rect', { x: 0, y: y + 21, width: barWidth, height: 16, rx: 2, fill: item.color });
    // A pointer shortcut only: the table beside the chart holds the same links for keyboards and readers.
    const open = item.open;
    if (open) {
      bar.style.cursor = 'pointer';
      bar.addEventListener('click', () => open());
    }
    node.append(bar);
    node.append(
      svg('text', { x: barWidth + 6, y: y + 35, 'font-size': 14, 'font-weight': 600 }, item.display),
    );
  });
  if (!items.length) node.append(svg('text', { x: 0, y: 20, 'font-size': 14 }, 'Không có số liệu / No data'));
  return node;
}

function trendChart(points: TrendPoint[]) {
  const width = 420;
  const height = 230;
  const left = 38;
  const right = 8;
  const top = 10;
  const bottom = 38;
  const series: [keyof Omit<TrendPoint, 'month'>, string, string, string][] = [
    ['received', 'Tiếp nhận / received', '#1f5fbf', ''],
    ['onTime', 'Đúng hạn (gồm trước hạn) / on time incl. early', '#0b6b2f', '6 3'],
    ['late', 'Quá hạn / late', '#a30d11', '2 3'],
  ];
  const max = Math.max(1, ...points.flatMap((p) => [p.received, p.onTime, p.late]));
  const step = points.length > 1 ? (width - left - right) / (points.length - 1) : 0;
  const x = (i: number) => left + i * step;
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
  const label = `Xu hướng 12 tháng / 12-month trend: ${points.map((p) => `${p.month}: ${p.received}, ${p.onTime}, ${p.late}`).join('; ')}`;
  const node = chartSvg(label, width, height);
  for (const v of [0, Math.round(max / 2), max]) {
    node.append(svg('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), stroke: '#ccc' }));
    node.append(svg('text', { x: left - 4, y: y(v) + 4, 'font-size': 11, 'text-anchor': 'end' }, number(v)));
  }
  points.forEach((p, i) => {
    node.append(
      svg(
        'text',
        { x: x(i), y: height - bottom + 14, 'font-size': 10, 'text-anchor': 'middle' },
        p.month.slice(5),
      ),
    );
    if (i === 0 || p.month.endsWith('-01'))
      node.append(
        svg(
          'text',
          { x: x(i), y: height - bottom + 27, 'font-size': 10, 'text-anchor': 'middle' },
          p.month.slice(0, 4),
        ),
      );
  });
  for (const [key, , color, dash] of series) {
    node.append(
      svg('polyline', {
        points: points.map((p, i) => `${x(i)},${y(p[key])}`).join(' '),
        fill: 'none',
        stroke: color,
        'stroke-width': 2.5,
        'stroke-dasharray': dash,
      }),
    );
    points.forEach((p, i) => {
      node.append(svg('circle', { cx: x(i), cy: y(p[key]), r: 3, fill: color }));
    });
  }
  return [legend(series.map(([, text, color]) => [text, color])), node];
}

/** Labelled counts: label, count, bar colour. */
type Series = [string, number, string][];

/** A bar chart of labelled counts, its text alternative listing them, and the same counts as a table. */
function countsFigure(
  id: string,
  [vi, en]: [string, string],
  series: Series,
  display: (value: number) => string,
  numbers: { caption: string; headers: string[]; row: (label: string, value: number) => Child[] },
) {
  figure(
    id,
    bilingual(vi, en),
    barChart(
      `${vi} / ${en}: ${series.map(([label, value]) => `${label} ${value}`).join('; ')}`,
      series.map(([label, value, color]) => ({ label, value, color, display: display(value) })),
    ),
    table(
      numbers.caption,
      numbers.headers,
      series.map(([label, value]) => numbers.row(label, value)),
    ),
  );
}

function figure(id: string, title: Child[], ...content: Child[]) {
  byId(id).replaceChildren(
    el('figcaption', {}, el('h3', {}, ...title)),
    ...content.filter((c): c is Node | string => !!c),
  );
}

const REGIONS = [
  'view-meta',
  'downloads',
  'cards',
  'crumbs',
  'trend',
  'ranking',
  'channels',
  'timeliness',
  'units',
  'steps',
];

/**
 * Instead of "Loading…" left standing, or the previous selection's figures under a new title: the
 * title says why nothing is shown, and a failure that asking again may cure gets a retry button.
 */
function showEmpty(title: [string, string], retry?: () => void) {
  for (const id of REGIONS) byId(id).replaceChildren();
  byId('view-title').replaceChildren(...bilingual(title[0], title[1]));
  byId('view-state').replaceChildren(
    ...(retry ? [emptyState({ vi: 'Có thể thử lại.', en: 'You may try again.' }, retry)] : []),
  );
}

class NoFigures extends ApiError {
  constructor(
    message: string,
    readonly periodIsEmpty: boolean,
  ) {
    super(message);
  }
}

async function load(moveFocus: boolean) {
  byId('error').textContent = '';
  byId('view-state').replaceChildren();
  byId('status').textContent = 'Đang tải số liệu… / Loading figures…';
  const granularity = granularityOf(state.period) ?? 'month';
  byId('granularity', HTMLSelectElement).value = granularity;
  fillPeriods(granularity, state.period);
  try {
    const all = await rowsOfPeriod(state.period);
    fillUnits(all.rows);
    const view = state.unit
      ? await getKpi({ period: state.period, unit: state.unit, children: 'true' })
      : state.tier
        ? await getKpi({ period: state.period, tier: state.tier })
        : all;
    const row = state.unit
      ? view.rows.find((r) => isAgency(r) && r.scope.code === state.unit)
      : view.rows.find((r) => (state.tier ? r.scope.kind === 'tier' : r.scope.kind === 'province'));
    if (!row)
      throw new NoFigures(
        `Chưa có số liệu cho lựa chọn này trong ${periodLabel(state.period)}. / No published figures for this selection in ${state.period}.`,
        all.rows.length === 0,
      );
    const children = state.unit
      ? view.rows.filter((r) => isAgency(r) && r.scope.parentCode === state.unit)
      : state.tier
        ? view.rows.filter(isAgency)
        : all.rows.filter((r) => isAgency(r) && !r.scope.parentCode);
    const end = trendEnd(state.period, currentMonth);
    const trendQuery = {
      from: addMonths(end, -11),
      to: end,
      ...(state.unit
        ? { unit: state.unit }
        : state.tier
          ? { tier: state.tier, scope: 'tier' }
          : { scope: 'province' }),
    };
    const trend = await getKpi(trendQuery);
    render(all.rows, row, children, trend, view.formulas);
    byId('status').textContent = `Đã tải: ${scopeName(row)}, ${periodLabel(state.period)}. / Loaded.`;
    if (moveFocus) byId('view-title').focus();
  } catch (error) {
    byId('status').textContent = '';
    byId('error').textContent =
      error instanceof ApiError
        ? error.message
        : 'Không hiển thị được số liệu. / The figures could not be shown.';
    if (error instanceof NoFigures)
      showEmpty(
        error.periodIsEmpty
          ? ['Chưa có số liệu cho kỳ này', 'No figures for this period yet']
          : ['Chưa có số liệu cho lựa chọn này', 'No figures for this selection yet'],
      );
    else showEmpty(['Không tải được số liệu', 'The figures could not be loaded'], () => void load(true));
  }
}

function render(all: KpiRow[], row: KpiRow, children: KpiRow[], trend: KpiResponse, formulas: Formulas) {
  const unitCode = isAgency(row) ? row.scope.code : '';
  crumbs(all, row);
  byId('view-title').textContent = `${scopeName(row)} — ${periodLabel(row.period)}`;
  byId('view-meta').textContent =
    `${row.closed ? 'Kỳ đã khóa sổ / Closed period' : 'Kỳ đang mở, số liệu tạm tính / Open period, provisional'} · ${unitCode ? `Mã / code ${unitCode} · ` : ''}Tổng hợp lúc / aggregated ${new Date(row.aggregatedAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`;
  const csv = new URLSearchParams({ period: row.period, format: 'csv' });
  if (unitCode) {
    csv.set('unit', unitCode);
    csv.set('children', 'true');
  } else if (state.tier) csv.set('tier', state.tier);
  const links = [
    el('a', { href: `${base}kpi?${csv}`, id: 'csv-link', download: '' }, 'Tải CSV / Download CSV'),
  ];
  if (row.scope.kind !== 'tier') {
    const report = new URLSearchParams({ period: row.period });
    if (unitCode) report.set('unit', unitCode);
    links.push(
      el(
        'a',
        { href: `${base}kpi/report?${report}`, id: 'pdf-link' },
        'Báo cáo PDF (1 trang) / PDF report (one page)',
      ),
    );
  }
  byId('downloads').replaceChildren(...links);
  cards(row, formulas);

  const byPeriod = new Map(trend.rows.map((r) => [r.period, r]));
  const points: TrendPoint[] = trend.periods.map((month) => {
    const c = byPeriod.get(month)?.counts;
    return {
      month,
      received: c ? c.received : 0,
      onTime: c ? c.settledEarly + c.settledOnTime : 0,
      late: c ? c.settledLate : 0,
    };
  });
  figure(
    'trend',
    bilingual('Xu hướng theo tháng', 'Monthly trend'),
    ...trendChart(points),
    table(
      'Số liệu theo tháng / Figures per month',
      ['Tháng / Month', 'Tiếp nhận / Received', 'Đúng hạn / On time', 'Quá hạn / Late'],
      points.map((p) => [periodLabel(p.month), number(p.received), number(p.onTime), number(p.late)]),
    ),
  );

  // Ranks are per tier: the province lists every ranked unit tier by tier, a unit or tier its own units.
  // A unit without units under it is shown among the ranked units of its tier.
  const agencies = all.filter(isAgency);
  const peers = isAgency(row) ? agencies.filter((r) => r.scope.tier === row.scope.tier && r.rank) : [];
  const agencyChildren = children.filter(isAgency);
  const candidates =
    row.scope.kind === 'province'
      ? agencies.filter((r) => r.rank)
      : children.length || row.scope.kind === 'tier'
        ? agencyChildren
        : peers;
  const tierIndex = (r: AgencyRow) => TIER_ORDER.indexOf(r.scope.tier);
  const ranked = [...candidates].sort(
    (a, b) =>
      tierIndex(a) - tierIndex(b) ||
      (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
      b.score.total - a.score.total ||
      a.scope.name.localeCompare(b.scope.name, 'vi'),
  );
  figure(
    'ranking',
    bilingual('Xếp hạng theo Bộ chỉ số 766', 'Ranking by Decision 766 score'),
    barChart(
      `Xếp hạng đơn vị theo điểm 766 / Units by 766 score: ${ranked.map((r) => `${r.scope.name} ${score(r.score.total)}${r.rank ? ` (hạng ${r.rank})` : ''}`).join('; ') || 'không có / none'}`,
      ranked.map((r) => ({
        label: `${r.rank ? `${r.rank}. ` : '– '}${r.scope.name} (${TIERS[r.scope.tier][0].toLowerCase()})`,
        value: r.score.total,
        display: score(r.score.total),
        color: r.scopeKey === row.scopeKey ? '#a30d11' : '#1f5fbf',
        open: () => navigate({ period: state.period, unit: r.scope.code, tier: '' }),
      })),
    ),
    ranked.length
      ? table(
          'Điểm và hạng trong cấp / Score and rank in its tier',
          ['Đơn vị / Unit', 'Cấp / Tier', 'Điểm / Score', 'Hạng / Rank'],
          ranked.map((r) => [
            r.scopeKey === row.scopeKey ? el('strong', {}, r.scope.name) : unitLink(r),
            TIERS[r.scope.tier][0],
            score(r.score.total),
            r.rank ? String(r.rank) : '—',
          ]),
        )
      : undefined,
  );

  const c = row.counts;
  const share = (n: number, d: number) => `${percent(d > 0 ? n / d : null)} (${number(n)}/${number(d)})`;
  const channels: Series = [
    ['Trực tuyến / Online', c.receivedOnline, '#1f5fbf'],
    ['Trực tiếp / Counter', c.receivedCounter, '#8a5a00'],
    ['Bưu chính / Postal', c.receivedPostal, '#5c2a8a'],
  ];
  countsFigure('channels', ['Kênh tiếp nhận', 'Channel mix'], channels, (v) => share(v, c.received), {
    caption: 'Hồ sơ theo kênh / Dossiers by channel',
    headers: ['Kênh / Channel', 'Số hồ sơ / Dossiers', 'Tỷ lệ / Share'],
    row: (label, value) => [label, number(value), share(value, c.received)],
  });

  const timeliness: Series = [
    ['Trước hạn / Early', c.settledEarly, '#2e7d32'],
    ['Đúng hạn / On time', c.settledOnTime, '#0b6b2f'],
    ['Quá hạn / Late', c.settledLate, '#a30d11'],
    ['Đang giải quyết trong hạn / Open, within time', c.pendingWithinTime, '#8a5a00'],
    ['Đang giải quyết quá hạn / Open, overdue', c.pendingOverdue, '#5c2a8a'],
  ];
  countsFigure('timeliness', ['Đúng hạn và quá hạn', 'On time and late'], timeliness, number, {
    caption: 'Hồ sơ theo tiến độ / Dossiers by timeliness',
    headers: ['Loại / Kind', 'Số hồ sơ / Dossiers'],
    row: (label, value) => [label, number(value)],
  });

  byId('units').replaceChildren(
    agencyChildren.length
      ? table(
          `Đơn vị trực thuộc ${scopeName(row)} / Units under it`,
          [
            'Đơn vị / Unit',
            'Mã / Code',
            'Tiếp nhận / Received',
            'Đã giải quyết / Settled',
            'Đúng hạn / On time',
            'Trực tuyến / Online',
            'Điểm 766 / Score',
            'Hạng / Rank',
          ],
          [...agencyChildren]
            .sort((a, b) => a.scope.name.localeCompare(b.scope.name, 'vi'))
            .map((r) => [
              unitLink(r),
              r.scope.code,
              number(r.counts.received),
              number(r.counts.settled),
              `${percent(r.indicators.onTimeRate.value)} (${r.indicators.onTimeRate.numerator}/${r.indicators.onTimeRate.denominator})`,
              `${percent(r.indicators.onlineRate.value)} (${r.indicators.onlineRate.numerator}/${r.indicators.onlineRate.denominator})`,
              score(r.score.total),
              r.rank ? String(r.rank) : '—',
            ]),
        )
      : el('p', {}, 'Không có đơn vị trực thuộc. / No units under it.'),
  );
  stepsTable(
    row.scope.kind === 'province' ? agencies : isAgency(row) ? [row, ...agencyChildren] : agencyChildren,
  );
}

/** Which step makes dossiers late: every step the units finished in the period, highest late share first. */
function stepsTable(units: AgencyRow[]) {
  const lines = stepLines(units);
  byId('steps').replaceChildren(
    lines.length
      ? table(
          'Thời gian xử lý theo bước, tỷ lệ quá hạn cao nhất trước / Time per step, highest late share first',
          [
            'Đơn vị / Unit',
            'Quy trình / Process',
            'Bước / Step',
            'Số lượt hoàn thành / Finished',
            'Thời gian trung bình (ngày làm việc) / Average (working days)',
            'Tỷ lệ quá hạn / Late share',
          ],
          lines.map(({ unit, step }) => [
            unitLink(unit),
            step.process,
            step.step,
            number(step.finished),
            score(step.averageWorkingDays),
            `${percent(step.lateShare)} (${step.late}/${step.finished})`,
          ]),
        )
      : el(
          'p',
          {},
          'Chưa có bước xử lý nào hoàn thành trong kỳ. / No process step was finished in this period.',
        ),
  );
}

void load(false);
