import { both, h, labelled, list, record, str } from './elements.ts';
import { failureOf, type OfficerCall } from './officer-api.ts';

export interface CalendarContext {
  call: OfficerCall;
  container: HTMLElement;
  showError(body: unknown): void;
}

const KINDS: Record<string, string> = {
  holiday: 'Ngày lễ, Tết / Public holiday',
  day_off: 'Nghỉ theo quyết định / Day off by decision',
  working_day: 'Làm bù / Make-up working day',
};

const dateText = (date: string) => {
  const [year, month, day] = date.split('-');
  const weekday = new Date(`${date}T00:00:00Z`).toLocaleDateString('vi-VN', {
    weekday: 'long',
    timeZone: 'UTC',
  });
  return `${weekday}, ${day}/${month}/${year}`;
};

/** The working calendar deadlines are counted by: holidays, moved days off and make-up days. */
export async function renderCalendar(context: CalendarContext, params: URLSearchParams): Promise<void> {
  const year = params.get('year') ?? String(new Date(Date.now() + 7 * 3_600_000).getUTCFullYear());
  const heading = h(
    'h1',
    { id: 'view-title', tabindex: '-1' },
    ...both(`Lịch làm việc năm ${year}`, `Working calendar ${year}`),
  );
  const choose = h('input', { type: 'number', min: 2000, max: 2100, value: year, inputmode: 'numeric' });
  const form = h(
    'form',
    { id: 'calendar-form', novalidate: true, class: 'no-print' },
    ...labelled('calendar-year', 'Năm', 'Year', choose),
    h('button', { type: 'submit' }, 'Xem / Show'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/lich?year=${encodeURIComponent(choose.value)}`;
  });
  context.container.replaceChildren(heading, form, h('p', {}, 'Đang tải… / Loading…'));
  heading.focus();
  const answer = await context.call.json(`/officer/calendar?${new URLSearchParams({ year })}`);
  if (!answer.ok) {
    context.container.replaceChildren(heading, form);
    context.showError(failureOf(answer));
    return;
  }
  const body = record(answer.body);
  const days = list(body.days).map(record);
  context.container.replaceChildren(
    heading,
    form,
    h(
      'p',
      { id: 'calendar-summary' },
      `${String(body.workingDays ?? '')} ngày làm việc; các ngày khác thứ Bảy, Chủ nhật: ${days.length}. / ` +
        `${String(body.workingDays ?? '')} working days; days other than weekends: ${days.length}.`,
    ),
    h(
      'div',
      { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'calendar-caption' },
      h(
        'table',
        { id: 'calendar-table' },
        h(
          'caption',
          { id: 'calendar-caption' },
          `Ngày nghỉ và ngày làm bù năm ${year} / Days off and make-up days`,
        ),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...[
              ['Ngày', 'Date'],
              ['Loại', 'Kind'],
              ['Lý do', 'Reason'],
              ['Căn cứ', 'Decision'],
            ].map(([vi = '', en = '']) => h('th', { scope: 'col' }, ...both(vi, en))),
          ),
        ),
        h(
          'tbody',
          {},
          ...days.map((day) =>
            h(
              'tr',
              {},
              h('td', {}, dateText(str(day.date) ?? '')),
              h('td', {}, KINDS[str(day.kind) ?? ''] ?? str(day.kind) ?? ''),
              h('td', {}, str(day.reason) ?? 'Bộ luật Lao động, Điều 112 / Labour Code, Art. 112'),
              h('td', {}, str(day.decision) ?? '—'),
            ),
          ),
        ),
      ),
    ),
  );
}
