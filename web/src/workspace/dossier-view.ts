import { isLink } from '../answers.ts';
import { PDF_TIMEOUT_MS } from '../api.ts';
import { actionList } from './actions.ts';
import { both, h, list, record, str, timeText } from './elements.ts';
import { channelText, statusText, TIMELINESS_TEXT, timelinessOf } from './labels.ts';
import { failureOf, type OfficerCall } from './officer-api.ts';

export interface DossierContext {
  call: OfficerCall;
  container: HTMLElement;
  showError(body: unknown): void;
  announce(message: string): void;
}

const FORMS: [string, string, string][] = [
  ['01', 'Giấy tiếp nhận và hẹn trả kết quả', 'Receipt'],
  ['02', 'Phiếu yêu cầu bổ sung', 'Supplement request'],
  ['03', 'Phiếu từ chối tiếp nhận', 'Refusal'],
  ['04', 'Phiếu xin lỗi và hẹn lại', 'Apology'],
  ['05', 'Thông báo dừng giải quyết', 'Stop notice'],
  ['06', 'Phiếu kiểm soát quá trình', 'Control slip'],
];

function facts(rows: [string, string, string | HTMLElement | undefined][]): HTMLElement {
  const dl = h('dl');
  for (const [vi, en, value] of rows) {
    if (value === undefined || value === '') continue;
    dl.append(h('dt', {}, ...both(vi, en)), h('dd', {}, value));
  }
  return dl;
}

function box(id: string, vi: string, en: string, ...content: (Node | string)[]): HTMLElement {
  return h(
    'section',
    { class: 'box', 'aria-labelledby': `${id}-title`, id },
    h('h2', { id: `${id}-title` }, ...both(vi, en)),
    ...content,
  );
}

function applicantBox(applicant: Record<string, unknown>): HTMLElement {
  const representative = record(applicant.representative);
  return box(
    'applicant',
    'Người nộp hồ sơ',
    'Applicant',
    facts([
      ['Họ tên / Tên tổ chức', 'Name', str(applicant.fullName) ?? str(applicant.name)],
      ['Số định danh cá nhân', 'ID number', str(applicant.idNumber)],
      ['Mã số thuế', 'Tax code', str(applicant.taxCode)],
      ['Hộ chiếu', 'Passport', str(applicant.passportNumber)],
      ['Địa chỉ', 'Address', str(applicant.address)],
      ['Điện thoại', 'Phone', str(applicant.phone)],
      ['Thư điện tử', 'E-mail', str(applicant.email)],
      ['Người được ủy quyền', 'Representative', str(representative.fullName)],
    ]),
  );
}

/** A short-lived link fetched on demand, shown in the page (PDF or image) and as a link to open. */
export async function showFile(
  context: Pick<DossierContext, 'call' | 'showError'>,
  path: string,
  target: HTMLElement,
  title: string,
  contentType: string | undefined,
) {
  target.replaceChildren(h('p', {}, 'Đang lấy liên kết… / Getting the link…'));
  const answer = await context.call.json(path, {}, PDF_TIMEOUT_MS);
  if (!answer.ok || !isLink(answer.body)) {
    target.replaceChildren();
    context.showError(failureOf(answer));
    return;
  }
  const { url } = answer.body;
  const open = h(
    'a',
    { href: url, target: '_blank', rel: 'noopener' },
    `Mở ${title} trong thẻ mới / Open in a new tab`,
  );
  const preview = contentType?.startsWith('image/')
    ? h('img', { class: 'preview', src: url, alt: title })
    : h('iframe', { class: 'preview', src: url, title: `Xem trước / Preview: ${title}` });
  target.replaceChildren(h('p', {}, open), preview);
  open.focus();
}

/** A "View" button that opens one file of `path` in `viewer` through the link the API gives. */
export function viewFileButton(
  context: Pick<DossierContext, 'call' | 'showError'>,
  path: string,
  viewer: HTMLElement,
  name: string,
  contentType: string | undefined,
): HTMLElement {
  const button = h('button', { type: 'button', class: 'secondary' }, `Xem / View: ${name}`);
  button.addEventListener('click', () => showFile(context, path, viewer, name, contentType));
  return button;
}

function attachmentsBox(
  context: DossierContext,
  code: string,
  dossier: Record<string, unknown>,
): HTMLElement {
  const attachments = list(dossier.attachments).map(record);
  const viewer = h('div', { id: 'file-viewer', 'aria-live': 'polite' });
  const items = attachments.map((attachment, index) => {
    const button = viewFileButton(
      context,
      `/officer/dossiers/${encodeURIComponent(code)}/attachments/${index}`,
      viewer,
      str(attachment.fileName) ?? `#${index + 1}`,
      str(attachment.contentType),
    );
    return h('li', {}, str(attachment.documentCode) ? `${str(attachment.documentCode)}: ` : '', button);
  });
  const result = record(dossier.result);
  const resultButton = Object.keys(result).length
    ? h('button', { type: 'button', id: 'view-result' }, 'Xem kết quả / View the result')
    : undefined;
  resultButton?.addEventListener('click', () =>
    showFile(
      context,
      `/officer/dossiers/${encodeURIComponent(code)}/result`,
      viewer,
      'kết quả / result',
      'application/pdf',
    ),
  );
  const forms = h(
    'ul',
    {},
    ...FORMS.map(([form, vi, en]) => {
      const button = h(
        'button',
        { type: 'button', class: 'link', 'data-form': form },
        `${vi} (${form}) / ${en}`,
      );
      button.addEventListener('click', () =>
        showFile(
          context,
          `/officer/dossiers/${encodeURIComponent(code)}/forms/${form}`,
          viewer,
          `${vi} (${form})`,
          'application/pdf',
        ),
      );
      return h('li', {}, button);
    }),
  );
  return box(
    'files',
    'Thành phần hồ sơ và văn bản',
    'Documents and forms',
    attachments.length ? h('ul', {}, ...items) : h('p', {}, 'Không có tệp. / No files.'),
    ...(resultButton ? [resultButton] : []),
    h('h3', {}, ...both('Phiếu, biểu mẫu đã ký', 'Signed forms')),
    forms,
    viewer,
  );
}

const TIMELINESS_WORDS: Record<string, string> = {
  early: 'sớm hạn / early',
  on_time: 'đúng hạn / on time',
  late: 'quá hạn / late',
};

/** A step's name in both languages, or its code when the record has no name. */
function stepName(step: Record<string, unknown>): string {
  const name = record(step.name);
  const code = str(step.step) ?? '';
  return str(name.vi) ? `${str(name.vi)} / ${str(name.en) ?? ''} (${code})` : code;
}

const BUDGET_UNITS: Record<string, string> = {
  days: 'ngày làm việc / working days',
  hours: 'giờ làm việc / working hours',
  share: 'phần thời hạn / share of the time',
};

/**
 * The process as a diagram in words: every step in order with its role, unit, budget and where it
 * leads, the current steps and the finished ones marked (readable by screen readers, and printable).
 */
async function showDiagram(context: DossierContext, process: Record<string, unknown>, target: HTMLElement) {
  const query = new URLSearchParams({ version: String(process.version ?? '') });
  const answer = await context.call.json(
    `/officer/processes/${encodeURIComponent(str(process.code) ?? '')}?${query}`,
  );
  if (!answer.ok) {
    context.showError(failureOf(answer));
    return;
  }
  const current = new Set(list(process.active).map((step) => str(record(step).step)));
  const finished = new Set(list(process.done).map((step) => str(record(step).step)));
  const steps = list(record(record(answer.body).definition).steps).map(record);
  target.replaceChildren(
    h(
      'ol',
      { class: 'steps', id: 'process-diagram', 'aria-label': 'Sơ đồ quy trình / Process diagram' },
      ...steps.map((step) => {
        const code = str(step.code) ?? '';
        const budget = record(step.budget);
        const state = current.has(code)
          ? 'đang xử lý / current'
          : finished.has(code)
            ? 'đã xong / done'
            : 'chưa đến / to come';
        const next = list(step.next).map(String);
        return h(
          'li',
          {
            class: current.has(code) ? 'current' : undefined,
            'aria-current': current.has(code) ? 'step' : undefined,
          },
          `${str(step.name) ?? code} (${code}) — ${state}`,
          h(
            'span',
            { class: 'hint' },
            ` · ${str(step.role) ?? ''} · ${String(budget.amount ?? '')} ${BUDGET_UNITS[str(budget.unit) ?? ''] ?? ''}`,
            next.length ? ` · → ${next.join(', ')}` : ' · kết thúc / end',
          ),
        );
      }),
    ),
  );
}

function processBox(context: DossierContext, process: Record<string, unknown>): HTMLElement | undefined {
  if (!Object.keys(process).length) return undefined;
  const active = list(process.active).map(record);
  const done = list(process.done).map(record);
  const diagram = h('div', { id: 'process-diagram-box' });
  const showButton = h(
    'button',
    { type: 'button', class: 'secondary' },
    'Xem sơ đồ quy trình / Show the process diagram',
  );
  showButton.addEventListener('click', () => void showDiagram(context, process, diagram));
  return box(
    'process',
    'Quy trình xử lý',
    'Internal process',
    h('p', {}, `${str(process.code) ?? ''} (phiên bản / version ${String(process.version ?? '')})`),
    showButton,
    diagram,
    h('h3', {}, ...both('Bước đang xử lý', 'Current steps')),
    h(
      'ol',
      { class: 'steps' },
      ...active.map((step) =>
        h(
          'li',
          { class: 'current', 'aria-current': 'step' },
          `${stepName(step)} — ${str(record(step.unit).name) ?? str(record(step.unit).code) ?? ''}`,
          step.assignee ? ` — ${str(step.assignee)}` : '',
          ` — hạn / due ${timeText(str(step.dueAt))}`,
          record(step.remaining).vi ? ` (${str(record(step.remaining).vi)})` : '',
        ),
      ),
    ),
    h('h3', {}, ...both('Các bước đã xong (phiếu kiểm soát)', 'Finished steps (control slip)')),
    done.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            {},
            h('caption', {}, 'Phiếu kiểm soát quá trình giải quyết / Control slip'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...[
                  ['Bước', 'Step'],
                  ['Cán bộ', 'Officer'],
                  ['Bắt đầu', 'Started'],
                  ['Kết thúc', 'Finished'],
                  ['Kết quả', 'Outcome'],
                ].map(([vi = '', en = '']) => h('th', { scope: 'col' }, ...both(vi, en))),
              ),
            ),
            h(
              'tbody',
              {},
              ...done.map((row) =>
                h(
                  'tr',
                  {},
                  h('td', {}, stepName(row)),
                  h('td', {}, str(row.finishedBy) ?? ''),
                  h('td', {}, timeText(str(row.startedAt))),
                  h('td', {}, timeText(str(row.finishedAt))),
                  h(
                    'td',
                    {},
                    `${str(row.action) ?? ''}${row.timeliness ? ` · ${TIMELINESS_WORDS[str(row.timeliness) ?? ''] ?? str(row.timeliness)}` : ''}`,
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', {}, 'Chưa có bước nào xong. / No step finished yet.'),
  );
}

function historyBox(dossier: Record<string, unknown>): HTMLElement {
  const history = list(dossier.history).map(record);
  return box(
    'history',
    'Quá trình xử lý',
    'History',
    h(
      'ol',
      { class: 'history' },
      ...history.map((entry) =>
        h(
          'li',
          {},
          h('span', { class: 'when' }, `${timeText(str(entry.at))} · ${str(entry.by) ?? ''}`),
          statusText(str(entry.status)),
          entry.note ? h('span', { class: 'hint' }, ` — ${str(entry.note)}`) : '',
        ),
      ),
    ),
  );
}

/**
 * The dossier's audit trail and the mails sent about it, loaded on demand: each load reads the whole
 * chain and verifies it on the server, which the page does not need for every visit.
 */
function auditBox(context: DossierContext, code: string): HTMLElement {
  const kinds: Record<string, string> = {
    submission: 'Nộp, tiếp nhận / Submission',
    state_change: 'Chuyển trạng thái / State change',
    personal_data_view: 'Xem dữ liệu cá nhân / Personal data view',
    download: 'Tải tệp / Download',
    document_exchange: 'Liên thông văn bản / Document exchange',
    mail: 'Thư điện tử / Mail',
  };
  const events: Record<string, string> = {
    send: 'đã chuyển đi / sent',
    delivery: 'đã đến hộp thư / delivered',
    bounce: 'bị trả lại / bounced',
    complaint: 'bị báo là thư rác / complaint',
    reject: 'bị từ chối / rejected',
  };
  const table = (caption: string, headings: [string, string][], rows: (string | HTMLElement)[][]) =>
    h(
      'div',
      // Focusable, so that a keyboard can scroll a table wider than a phone's screen.
      { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
      h(
        'table',
        {},
        h('caption', {}, caption),
        h(
          'thead',
          {},
          h('tr', {}, ...headings.map(([vi, en]) => h('th', { scope: 'col' }, ...both(vi, en)))),
        ),
        h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((cell) => h('td', {}, cell))))),
      ),
    );
  // Signatures and digests are long: shortened here, the full entry stays on the server's trail.
  const detailText = (details: Record<string, unknown>) =>
    Object.entries(details)
      .map(([name, value]) => {
        const text = typeof value === 'string' ? value : String(JSON.stringify(value));
        return `${name}: ${text.length > 48 ? `${text.slice(0, 47)}…` : text}`;
      })
      .join('; ');
  const output = h('div', { id: 'audit-trail', 'aria-live': 'polite' });
  const button = h(
    'button',
    { type: 'button', class: 'secondary', id: 'load-audit' },
    'Xem nhật ký / Show the audit trail',
  );
  button.addEventListener('click', async () => {
    button.disabled = true;
    output.replaceChildren(h('p', {}, 'Đang tải nhật ký… / Loading the audit trail…'));
    const answer = await context.call.json(`/officer/dossiers/${encodeURIComponent(code)}/audit`);
    button.disabled = false;
    if (!answer.ok) {
      output.replaceChildren();
      context.showError(failureOf(answer));
      return;
    }
    const trail = record(answer.body);
    const problem = record(trail.problem);
    const mails = list(trail.mails).map(record);
    output.replaceChildren(
      trail.verified === true
        ? h(
            'p',
            {},
            h('span', { class: 'badge ok' }, 'Toàn vẹn / Intact'),
            ' Các mục nhật ký nối đúng chuỗi băm. / Every entry links to the one before it.',
          )
        : h(
            'p',
            { role: 'alert' },
            h('span', { class: 'badge late' }, 'Sai lệch / Broken'),
            ` Chuỗi nhật ký sai từ mục ${String(problem.seq ?? '?')}. / The chain is broken at entry ${String(problem.seq ?? '?')}: ${str(problem.reason) ?? ''}`,
          ),
      table(
        'Nhật ký hồ sơ, mới nhất trước / Audit entries, newest first',
        [
          ['Số', 'No.'],
          ['Thời điểm', 'At'],
          ['Loại', 'Kind'],
          ['Hành động', 'Action'],
          ['Người thực hiện', 'Actor'],
          ['Chi tiết', 'Details'],
        ],
        list(trail.entries)
          .map(record)
          .map((entry) => [
            String(entry.seq ?? ''),
            timeText(str(entry.at)),
            kinds[str(entry.kind) ?? ''] ?? str(entry.kind) ?? '',
            str(entry.action) ?? '',
            str(entry.actor) ?? '',
            detailText(record(entry.details)),
          ]),
      ),
      mails.length
        ? table(
            'Thư đã gửi / Mails sent',
            [
              ['Thời điểm', 'At'],
              ['Mẫu thư', 'Template'],
              ['Người nhận', 'Recipient'],
              ['Tình trạng', 'Status'],
            ],
            mails.map((mail) => {
              const last = record(list(mail.events).at(-1));
              return [
                timeText(str(mail.at)),
                str(mail.template) ?? '',
                str(mail.to) ?? '',
                mail.state === 'suppressed'
                  ? 'không gửi: địa chỉ bị chặn / held back: suppressed address'
                  : (events[str(last.type) ?? ''] ?? 'đã gửi / sent'),
              ];
            }),
          )
        : h('p', {}, 'Chưa có thư nào được gửi. / No mail sent yet.'),
    );
  });
  return box('audit', 'Nhật ký và thư đã gửi', 'Audit trail and mails', button, output);
}

/** One dossier as the unit holding it sees it, with every action the officer may take now. */
export async function renderDossier(context: DossierContext, code: string): Promise<void> {
  context.container.replaceChildren(h('p', {}, 'Đang tải hồ sơ… / Loading the dossier…'));
  const answer = await context.call.json(`/officer/dossiers/${encodeURIComponent(code)}`);
  if (!answer.ok) {
    context.container.replaceChildren(
      h(
        'h1',
        { id: 'view-title', tabindex: '-1' },
        ...both('Không mở được hồ sơ', 'The dossier could not be opened'),
      ),
      h('p', {}, h('a', { href: '#/' }, 'Về hàng đợi / Back to the queue')),
    );
    context.showError(failureOf(answer));
    return;
  }
  const dossier = record(answer.body);
  const procedure = record(dossier.procedure);
  const timeliness = timelinessOf(dossier.remaining);
  const heading = h('h1', { id: 'view-title', tabindex: '-1' }, `Hồ sơ / Dossier ${code}`);
  const printButton = h('button', { type: 'button', class: 'secondary no-print' }, 'In / Print');
  printButton.addEventListener('click', () => window.print());
  const actions = actionList({
    call: context.call,
    dossier,
    showError: context.showError,
    // Announced once the page shows the dossier as it is now, so what is read next is current.
    done: (message) => void renderDossier(context, code).then(() => context.announce(message)),
  });
  context.container.replaceChildren(
    h('p', { class: 'no-print' }, h('a', { href: '#/' }, '← Về hàng đợi / Back to the queue')),
    heading,
    box(
      'summary',
      'Thông tin hồ sơ',
      'Summary',
      facts([
        ['Thủ tục', 'Procedure', `${str(procedure.name) ?? ''} (${str(procedure.code) ?? ''})`],
        ['Trạng thái', 'Status', statusText(str(dossier.status))],
        ['Kênh nộp', 'Channel', channelText(str(dossier.channel))],
        ['Nộp lúc', 'Submitted', timeText(str(dossier.submittedAt))],
        ['Tiếp nhận lúc', 'Received', dossier.receivedAt ? timeText(str(dossier.receivedAt)) : undefined],
        ['Hẹn trả kết quả', 'Appointment', dossier.dueAt ? timeText(str(dossier.dueAt)) : undefined],
        [
          'Thời gian còn lại',
          'Time left',
          dossier.remaining
            ? h(
                'span',
                {},
                `${str(record(dossier.remaining).vi) ?? ''} `,
                h('span', { class: `badge ${timeliness}` }, TIMELINESS_TEXT[timeliness]),
              )
            : undefined,
        ],
        ['Đơn vị đang giữ', 'Held by', str(record(dossier.currentAgency).name)],
        ['Ghi chú của người nộp', 'Applicant’s note', str(dossier.note)],
      ]),
      printButton,
    ),
    actions,
    applicantBox(record(dossier.applicant)),
    attachmentsBox(context, code, dossier),
    ...[processBox(context, record(dossier.process))].filter(
      (part): part is HTMLElement => part !== undefined,
    ),
    historyBox(dossier),
    auditBox(context, code),
  );
  document.title = `${code} – Một cửa điện tử`;
  heading.focus();
}
