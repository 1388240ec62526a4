import { both, h, labelled, list, record, str, timeText } from './elements.ts';
import { channelText, STATUS_OPTIONS, statusText, TIMELINESS_TEXT, timelinessOf } from './labels.ts';
import { failureOf, jsonPost, type OfficerCall } from './officer-api.ts';

export interface QueueContext {
  call: OfficerCall;
  container: HTMLElement;
  showError(body: unknown): void;
}

const TABS: [string, string, string][] = [
  ['all', 'Tất cả', 'All'],
  ['reception', 'Chờ tiếp nhận', 'Awaiting reception'],
  ['soon', 'Sắp đến hạn', 'Due soon'],
  ['late', 'Quá hạn', 'Overdue'],
  ['mine', 'Được giao cho tôi', 'Assigned to me'],
];

/** Filters kept in the address (never personal data: the search text is posted, not put there). */
const FILTERS = ['status', 'procedure', 'step', 'channel', 'receivedFrom', 'receivedTo'] as const;

function select(options: [string, string][], value: string | null): HTMLSelectElement {
  const element = h('select');
  element.append(new Option('Tất cả / All', ''));
  for (const [optionValue, text] of options) element.append(new Option(text, optionValue));
  element.value = value ?? '';
  return element;
}

function filterForm(params: URLSearchParams): HTMLFormElement {
  const status = select(STATUS_OPTIONS, params.get('status'));
  const channel = select(
    [
      ['online', 'Trực tuyến / Online'],
      ['counter', 'Tại quầy / At the counter'],
      ['postal', 'Bưu chính / By post'],
    ],
    params.get('channel'),
  );
  const procedure = h('input', { type: 'text', value: params.get('procedure') ?? '', spellcheck: 'false' });
  const step = h('input', { type: 'text', value: params.get('step') ?? '', spellcheck: 'false' });
  const from = h('input', { type: 'date', value: params.get('receivedFrom') ?? '' });
  const to = h('input', { type: 'date', value: params.get('receivedTo') ?? '' });
  const form = h(
    'form',
    { id: 'queue-filters', novalidate: true, class: 'no-print' },
    h(
      'fieldset',
      {},
      h('legend', {}, ...both('Lọc hồ sơ', 'Filter')),
      h(
        'div',
        { class: 'filters' },
        h('div', {}, ...labelled('f-status', 'Trạng thái', 'Status', status)),
        h('div', {}, ...labelled('f-procedure', 'Mã thủ tục', 'Procedure code', procedure)),
        h('div', {}, ...labelled('f-step', 'Bước xử lý', 'Process step', step)),
        h('div', {}, ...labelled('f-channel', 'Kênh nộp', 'Channel', channel)),
        h('div', {}, ...labelled('f-from', 'Tiếp nhận từ ngày', 'Received from', from)),
        h('div', {}, ...labelled('f-to', 'đến ngày', 'to', to)),
      ),
      h('button', { type: 'submit' }, 'Lọc / Apply'),
      h('button', { type: 'button', class: 'secondary', id: 'clear-filters' }, 'Bỏ lọc / Clear'),
    ),
  );
  const controls: Record<(typeof FILTERS)[number], HTMLInputElement | HTMLSelectElement> = {
    status,
    procedure,
    step,
    channel,
    receivedFrom: from,
    receivedTo: to,
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    const tab = params.get('tab');
    if (tab) next.set('tab', tab);
    for (const name of FILTERS) {
      const value = controls[name].value.trim();
      if (value) next.set(name, value);
    }
    location.hash = `#/?${next}`;
  });
  form.querySelector('#clear-filters')?.addEventListener('click', () => {
    location.hash = params.get('tab') ? `#/?tab=${params.get('tab')}` : '#/';
  });
  return form;
}

function badge(entry: Record<string, unknown>): HTMLElement {
  if (str(entry.awaiting) !== undefined || (!entry.dueAt && entry.status === 'submitted'))
    return h('span', { class: 'badge none' }, 'Chờ tiếp nhận / Awaiting reception');
  // The server's urgency is the one its tabs count by (working days of the unit's calendar).
  const urgency = str(entry.urgency);
  const timeliness =
    urgency === 'late' || urgency === 'soon'
      ? urgency
      : urgency === 'on_time'
        ? 'ok'
        : timelinessOf(entry.remaining);
  return h('span', { class: `badge ${timeliness}` }, TIMELINESS_TEXT[timeliness]);
}

function row(entry: Record<string, unknown>): HTMLTableRowElement {
  const code = str(entry.dossierCode) ?? '';
  const procedure = record(entry.procedure);
  const remaining = record(entry.remaining);
  return h(
    'tr',
    {},
    h(
      'td',
      { class: 'code', 'data-label': 'Mã hồ sơ' },
      h('a', { href: `#/ho-so/${encodeURIComponent(code)}` }, code),
    ),
    h('td', { 'data-label': 'Thủ tục' }, str(procedure.name) ?? str(procedure.code) ?? ''),
    h('td', { 'data-label': 'Người nộp' }, str(entry.applicantName) ?? '—'),
    h('td', { 'data-label': 'Trạng thái' }, statusText(str(entry.status))),
    h('td', { 'data-label': 'Kênh' }, channelText(str(entry.channel))),
    h(
      'td',
      { 'data-label': 'Hẹn trả' },
      timeText(str(entry.dueAt)),
      remaining.vi ? h('span', { class: 'hint' }, ` (${str(remaining.vi)})`) : '',
    ),
    h('td', { 'data-label': 'Tình trạng' }, badge(entry)),
  );
}

function table(entries: Record<string, unknown>[], caption: string): HTMLElement {
  if (!entries.length) return h('p', { id: 'queue-empty' }, 'Không có hồ sơ nào. / No dossiers.');
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'queue', id: 'queue-table' },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[
            ['Mã hồ sơ', 'Code'],
            ['Thủ tục', 'Procedure'],
            ['Người nộp', 'Applicant'],
            ['Trạng thái', 'Status'],
            ['Kênh', 'Channel'],
            ['Hẹn trả', 'Due'],
            ['Tình trạng', 'Timeliness'],
          ].map(([vi = '', en = '']) => h('th', { scope: 'col' }, ...both(vi, en))),
        ),
      ),
      h('tbody', {}, ...entries.map(row)),
    ),
  );
}

/** The unit's work queue: tabs with their counts, filters, search, and pages by deadline. */
export async function renderQueue(context: QueueContext, params: URLSearchParams): Promise<void> {
  const tab = params.get('tab') ?? 'all';
  const heading = h('h1', { id: 'view-title', tabindex: '-1' }, ...both('Hồ sơ cần xử lý', 'Work queue'));
  const tabs = h('ul', { class: 'tabs', 'aria-label': 'Nhóm hồ sơ / Groups' });
  const searchInput = h('input', { type: 'search', autocomplete: 'off', spellcheck: 'false' });
  const searchForm = h(
    'form',
    { id: 'queue-search', class: 'no-print', role: 'search', novalidate: true },
    ...labelled(
      'search-text',
      'Tìm theo mã hồ sơ, tên hoặc họ tên đầy đủ người nộp (có hoặc không dấu) hoặc số định danh',
      'Search by code, applicant given name or full name (with or without diacritics) or ID number',
      searchInput,
    ),
    h('button', { type: 'submit' }, 'Tìm / Search'),
  );
  const results = h('div', { id: 'queue-results', 'aria-live': 'polite' });
  const pager = h('div', { class: 'pager' });
  context.container.replaceChildren(heading, tabs, searchForm, filterForm(params), results, pager);

  const base = new URLSearchParams();
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) base.set(name, value);
  }
  const cursors: (string | undefined)[] = [undefined];
  let page = 0;
  let searchText = '';

  const showTabs = (counts: Record<string, unknown>) => {
    tabs.replaceChildren(
      ...TABS.map(([name, vi, en]) => {
        const query = new URLSearchParams(base);
        if (name !== 'all') query.set('tab', name);
        const count = typeof counts[name] === 'number' ? ` (${counts[name]})` : '';
        return h(
          'li',
          {},
          h(
            'a',
            { href: `#/?${query}`, 'aria-current': name === tab ? 'page' : undefined },
            `${vi}${count}`,
            h('span', { class: 'en', lang: 'en' }, ` / ${en}`),
          ),
        );
      }),
    );
  };

  async function load() {
    results.replaceChildren(h('p', {}, 'Đang tải… / Loading…'));
    pager.replaceChildren();
    const cursor = cursors[page];
    const answer = searchText
      ? await context.call.json(
          '/officer/dossiers/search',
          jsonPost({ text: searchText, ...(tab !== 'all' ? { tab } : {}), ...(cursor ? { cursor } : {}) }),
        )
      : await context.call.json(
          `/officer/dossiers?${new URLSearchParams([
            ...base,
            ...(tab !== 'all' ? [['tab', tab]] : []),
            ...(cursor ? [['cursor', cursor]] : []),
          ])}`,
        );
    if (!answer.ok) {
      results.replaceChildren();
      context.showError(failureOf(answer));
      return;
    }
    const body = record(answer.body);
    showTabs(record(body.counts));
    const entries = list(body.dossiers).map(record);
    const caption = searchText
      ? `Kết quả tìm kiếm, trang ${page + 1} / Search results, page ${page + 1}`
      : `Trang ${page + 1}, sắp xếp theo hạn xử lý / Page ${page + 1}, by deadline`;
    results.replaceChildren(table(entries, caption));
    const next = str(body.nextCursor);
    if (page > 0) {
      const previous = h('button', { type: 'button', class: 'secondary' }, 'Trang trước / Previous page');
      previous.addEventListener('click', () => {
        page -= 1;
        void load();
      });
      pager.append(previous);
    }
    if (next) {
      const more = h(
        'button',
        { type: 'button', class: 'secondary', id: 'next-page' },
        'Trang sau / Next page',
      );
      more.addEventListener('click', () => {
        cursors[page + 1] = next;
        page += 1;
        void load();
      });
      pager.append(more);
    }
  }

  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    searchText = searchInput.value.trim();
    cursors.splice(1);
    page = 0;
    void load();
  });
  showTabs({});
  heading.focus();
  await load();
}
