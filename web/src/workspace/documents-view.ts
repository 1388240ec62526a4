import { errorBody } from '../api.ts';
import {
  agencyCodesOf,
  base64Of,
  DOCUMENT_ACTIONS,
  durationText,
  KINDS,
  STATES,
  stateText,
} from './document-words.ts';
import { viewFileButton } from './dossier-view.ts';
import { both, h, labelled, list, record, str, timeText } from './elements.ts';
import { failureOf, jsonPost, type OfficerCall } from './officer-api.ts';
import { controlValue, dataTable, markCurrent, onSubmit, section, viewTitle } from './sections.ts';

export interface DocumentsContext {
  call: OfficerCall;
  container: HTMLElement;
  showError(body: unknown): void;
  announce(message: string): void;
}

const TIERS: [string, string][] = [
  ['commune', 'Tất cả cấp xã / Every commune'],
  ['district', 'Tất cả cấp huyện / Every district'],
  ['province', 'Tất cả cấp tỉnh / Every province'],
  ['central', 'Tất cả cơ quan trung ương / Every central agency'],
];

const PRIORITIES: [string, string][] = [
  ['0', 'Thường / Normal'],
  ['1', 'Khẩn / Urgent'],
  ['2', 'Thượng khẩn / Very urgent'],
  ['3', 'Hỏa tốc / Flash'],
  ['4', 'Hỏa tốc hẹn giờ / Flash, timed'],
];

const MAX_ATTACHMENT_BYTES = 3 * 1024 * 1024;

async function attachmentsOf(input: HTMLInputElement) {
  const files = Array.from(input.files ?? []);
  if (files.reduce((sum, file) => sum + file.size, 0) > MAX_ATTACHMENT_BYTES)
    throw errorBody('Các tệp đính kèm cộng lại quá 3 MB.', 'The attachments together exceed 3 MB.');
  return Promise.all(
    files.map(async (file) => ({
      name: file.name,
      contentType: file.type,
      contentBase64: base64Of(new Uint8Array(await file.arrayBuffer())),
    })),
  );
}

const vietnamToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

const link = (href: string, text: string) => h('p', { class: 'no-print' }, h('a', { href }, text));

async function renderBoxes(context: DocumentsContext, params: URLSearchParams): Promise<void> {
  const box = params.get('box') === 'outbox' ? 'outbox' : 'inbox';
  const heading = viewTitle('Văn bản liên thông', 'Document exchange');
  const tabs = h(
    'ul',
    { class: 'tabs', 'aria-label': 'Hộp văn bản / Boxes' },
    ...[
      ['inbox', 'Văn bản đến', 'Inbox'],
      ['outbox', 'Văn bản đi', 'Outbox'],
    ].map(([name = '', vi = '', en = '']) =>
      h(
        'li',
        {},
        h(
          'a',
          { href: `#/van-ban?box=${name}`, 'aria-current': name === box ? 'page' : undefined },
          ...both(vi, en),
        ),
      ),
    ),
  );
  const results = h('div', { id: 'documents-results', 'aria-live': 'polite' }, 'Đang tải… / Loading…');
  context.container.replaceChildren(
    heading,
    h(
      'ul',
      { class: 'tabs no-print' },
      h(
        'li',
        {},
        h('a', { href: '#/van-ban/gui', id: 'send-link' }, ...both('Gửi văn bản', 'Send a document')),
      ),
      h('li', {}, h('a', { href: '#/van-ban/nhap' }, ...both('Đọc tệp edXML', 'Import edXML'))),
    ),
    tabs,
    results,
  );
  heading.focus();
  const answer = await context.call.json(`/officer/documents?box=${box}`);
  if (!answer.ok) {
    results.replaceChildren();
    context.showError(failureOf(answer));
    return;
  }
  const items = list(record(answer.body).items).map(record);
  const subject = (item: Record<string, unknown>) =>
    h('a', { href: `#/van-ban/${encodeURIComponent(str(item.id) ?? '')}` }, str(item.subject) ?? '—');
  results.replaceChildren(
    !items.length
      ? h('p', {}, 'Không có văn bản nào. / No documents.')
      : box === 'inbox'
        ? dataTable(
            'documents-table',
            'Văn bản đến, mới nhất trước / Inbox, newest first',
            [
              ['Trích yếu', 'Subject'],
              ['Loại', 'Kind'],
              ['Nơi gửi', 'From'],
              ['Gửi lúc', 'Sent'],
              ['Trạng thái', 'State'],
            ],
            items.map((item) => [
              subject(item),
              KINDS[str(item.kind) ?? ''] ?? '',
              str(item.from) ?? '',
              timeText(str(item.sentAt)),
              stateText(str(item.state), str(item.recall)),
            ]),
          )
        : dataTable(
            'documents-table',
            'Văn bản đi, mới nhất trước / Outbox, newest first',
            [
              ['Trích yếu', 'Subject'],
              ['Loại', 'Kind'],
              ['Gửi lúc', 'Sent'],
              ['Số nơi nhận', 'Recipients'],
            ],
            items.map((item) => [
              subject(item),
              KINDS[str(item.kind) ?? ''] ?? '',
              timeText(str(item.sentAt)),
              String(item.recipients ?? ''),
            ]),
          ),
  );
}

function options(select: HTMLSelectElement, entries: [string, string][]): HTMLSelectElement {
  for (const [value, text] of entries) select.append(new Option(text, value));
  return select;
}

const input = (attributes: Record<string, string | number | boolean>) =>
  h('input', { type: 'text', ...attributes });

function renderSend(context: DocumentsContext): void {
  const heading = viewTitle('Gửi văn bản', 'Send a document');
  const files = h('input', { type: 'file', multiple: true, accept: '.pdf,.jpg,.jpeg,.png' });
  const form = h(
    'form',
    { id: 'send-form', novalidate: true },
    h(
      'fieldset',
      {},
      h('legend', {}, ...both('Nơi nhận', 'Recipients')),
      ...labelled(
        'to',
        'Mã cơ quan nhận (mỗi dòng một mã)',
        'Agency codes, one per line',
        h('textarea', { rows: 3, spellcheck: 'false' }),
        'Ví dụ / e.g. 000.00.00.H56',
      ),
      ...labelled(
        'to-tier',
        'Hoặc gửi tất cả cơ quan một cấp',
        'Or send to a whole tier',
        options(h('select'), [['', 'Không / None'], ...TIERS]),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, ...both('Văn bản', 'Document')),
      h(
        'div',
        { class: 'grid2' },
        h('div', {}, ...labelled('kind', 'Loại', 'Kind', options(h('select'), Object.entries(KINDS)))),
        h('div', {}, ...labelled('priority', 'Độ khẩn', 'Priority', options(h('select'), PRIORITIES))),
        h(
          'div',
          {},
          ...labelled('code-number', 'Số', 'Number', input({ inputmode: 'numeric', maxlength: 10 })),
        ),
        h(
          'div',
          {},
          ...labelled(
            'code-notation',
            'Ký hiệu',
            'Notation',
            input({ maxlength: 50, spellcheck: 'false' }),
            'Ví dụ / e.g. UBND-VP',
          ),
        ),
        h(
          'div',
          {},
          ...labelled(
            'type-name',
            'Tên loại văn bản',
            'Document type',
            input({ value: 'Công văn', maxlength: 100 }),
          ),
        ),
        h(
          'div',
          {},
          ...labelled(
            'type-number',
            'Mã loại văn bản',
            'Document type number',
            h('input', { type: 'number', min: 1, max: 99, value: 2 }),
          ),
        ),
        h('div', {}, ...labelled('place', 'Nơi ban hành', 'Place', input({ maxlength: 100 }))),
        h(
          'div',
          {},
          ...labelled('date', 'Ngày ban hành', 'Date', h('input', { type: 'date', value: vietnamToday() })),
        ),
      ),
      ...labelled('subject', 'Trích yếu', 'Subject', input({ maxlength: 500 })),
      ...labelled('content', 'Nội dung (không bắt buộc)', 'Content (optional)', h('textarea', { rows: 5 })),
      ...labelled(
        'files',
        'Tệp đính kèm (PDF, JPG, PNG; tổng tối đa 3 MB)',
        'Attachments (PDF, JPG, PNG; 3 MB in all)',
        files,
        'Chỉ văn bản thường được gửi điện tử; văn bản mật gửi theo quy định bảo vệ bí mật nhà nước. / Only ordinary documents travel electronically.',
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, ...both('Người ký', 'Signer')),
      ...labelled(
        'signer-competence',
        'Thẩm quyền (không bắt buộc)',
        'Competence (optional)',
        input({ maxlength: 100 }),
        'Ví dụ / e.g. TM. UBND',
      ),
      ...labelled('signer-position', 'Chức vụ', 'Position', input({ maxlength: 100 })),
      ...labelled('signer-name', 'Họ tên', 'Full name', input({ maxlength: 100 })),
    ),
    h('button', { type: 'submit' }, 'Ký và gửi / Sign and send'),
  );
  onSubmit(form, context.showError, async () => {
    const value = (id: string) => controlValue(form, id);
    const tier = value('to-tier');
    const competence = value('signer-competence');
    const content = value('content');
    const request = {
      kind: value('kind'),
      to: agencyCodesOf(value('to')),
      ...(tier ? { toTier: tier } : {}),
      code: { codeNumber: value('code-number'), codeNotation: value('code-notation') },
      promulgationInfo: { place: value('place'), promulgationDate: value('date') },
      documentType: { type: Number(value('type-number')), typeName: value('type-name') },
      subject: value('subject'),
      ...(content ? { content } : {}),
      priority: Number(value('priority')),
      signerInfo: {
        ...(competence ? { competence } : {}),
        position: value('signer-position'),
        fullName: value('signer-name'),
      },
      attachments: await attachmentsOf(files),
    };
    const answer = await context.call.json('/officer/documents', jsonPost(request));
    if (!answer.ok) throw failureOf(answer);
    const sent = record(answer.body);
    context.announce(
      `Đã ký và gửi văn bản tới ${list(sent.recipients).length} nơi nhận. / Signed and sent to ${list(sent.recipients).length} recipients.`,
    );
    location.hash = `#/van-ban/${encodeURIComponent(str(sent.id) ?? '')}`;
  });
  context.container.replaceChildren(link('#/van-ban?box=outbox', '← Văn bản đi / Outbox'), heading, form);
  heading.focus();
}

function renderImport(context: DocumentsContext): void {
  const heading = viewTitle('Đọc tệp edXML', 'Import an edXML message');
  const file = h('input', { type: 'file', accept: '.xml,.edxml,application/xml,text/xml' });
  const result = h('div', { id: 'import-result', 'aria-live': 'polite' });
  const form = h(
    'form',
    { id: 'import-form', novalidate: true },
    ...labelled(
      'edxml-file',
      'Tệp edXML nhận được',
      'The edXML file received',
      file,
      'Tệp được đọc trong trình duyệt, gửi lên để kiểm tra cấu trúc và chữ ký số. / Read in the browser, then checked for structure and signature.',
    ),
    h('button', { type: 'submit' }, 'Kiểm tra / Check'),
  );
  onSubmit(form, context.showError, async () => {
    const chosen = file.files?.[0];
    if (!chosen) throw errorBody('Hãy chọn tệp edXML.', 'Choose an edXML file.');
    const answer = await context.call.json('/officer/documents/edxml', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: await chosen.text(),
    });
    if (!answer.ok) throw failureOf(answer);
    const body = record(answer.body);
    const envelope = record(body.envelope);
    const valid = body.signatureValid === true;
    result.replaceChildren(
      section(
        'imported',
        'Văn bản trong tệp',
        'The document in the file',
        h(
          'p',
          { id: 'signature-verdict' },
          h(
            'span',
            { class: `badge ${valid ? 'ok' : 'late'}` },
            valid ? 'Chữ ký số hợp lệ / Signature valid' : 'Chữ ký số KHÔNG hợp lệ / Signature NOT valid',
          ),
        ),
        envelopeFacts(envelope),
        attachmentList(list(body.attachments).map(record)),
      ),
    );
    context.announce(
      valid
        ? 'Đã đọc tệp: chữ ký hợp lệ. / Read: signature valid.'
        : 'Đã đọc tệp: chữ ký không hợp lệ. / Read: signature not valid.',
    );
  });
  context.container.replaceChildren(link('#/van-ban', '← Văn bản đến / Inbox'), heading, form, result);
  heading.focus();
}

function envelopeFacts(envelope: Record<string, unknown>): HTMLElement {
  const code = record(envelope.code);
  const from = record(envelope.from);
  const signer = record(envelope.signerInfo);
  const rows: [string, string, string | Node | undefined][] = [
    ['Trích yếu', 'Subject', str(envelope.subject)],
    ['Mã văn bản', 'Document id', str(envelope.documentId)],
    ['Loại', 'Kind', KINDS[str(envelope.kind) ?? '']],
    ['Số, ký hiệu', 'Number', `${str(code.codeNumber) ?? ''}/${str(code.codeNotation) ?? ''}`],
    ['Nơi gửi', 'From', `${str(from.organName) ?? ''} (${str(from.organId) ?? ''})`],
    [
      'Nơi nhận',
      'To',
      list(envelope.to)
        .map(record)
        .map((organ) => `${str(organ.organName) ?? ''} (${str(organ.organId) ?? ''})`)
        .join('; '),
    ],
    ['Gửi lúc', 'Sent', timeText(str(envelope.sentAt))],
    [
      'Người ký',
      'Signer',
      [str(signer.competence), str(signer.position), str(signer.fullName)].filter(Boolean).join(' '),
    ],
    [
      'Nội dung',
      'Content',
      str(envelope.content) &&
        h(
          'span',
          {},
          ...(str(envelope.content) ?? '').split('\n').flatMap((line, index) => [index ? h('br') : '', line]),
        ),
    ],
  ];
  const dl = h('dl');
  for (const [vi, en, value] of rows) if (value) dl.append(h('dt', {}, ...both(vi, en)), h('dd', {}, value));
  return dl;
}

function attachmentList(files: Record<string, unknown>[]): HTMLElement {
  return files.length
    ? h(
        'ul',
        {},
        ...files.map((file) =>
          h('li', {}, `${str(file.name) ?? ''} — ${Math.ceil(Number(file.size ?? 0) / 1024)} KB`),
        ),
      )
    : h('p', {}, 'Không có tệp đính kèm. / No attachments.');
}

/** The document's files, each opened through a short-lived link the API gives the reader's unit. */
function attachmentViewer(
  context: DocumentsContext,
  id: string,
  files: Record<string, unknown>[],
): HTMLElement {
  if (!files.length) return h('p', {}, 'Không có tệp đính kèm. / No attachments.');
  const viewer = h('div', { id: 'file-viewer', 'aria-live': 'polite' });
  const items = files.map((file, index) => {
    const button = viewFileButton(
      context,
      `/officer/documents/${encodeURIComponent(id)}/attachments/${index}`,
      viewer,
      str(file.name) ?? `#${index + 1}`,
      str(file.contentType),
    );
    return h('li', {}, button, ` — ${Math.ceil(Number(file.size ?? 0) / 1024)} KB`);
  });
  return h('div', { id: 'document-files' }, h('ul', {}, ...items), viewer);
}

function actionForm(
  context: DocumentsContext,
  id: string,
  type: string,
  reload: () => Promise<void>,
): HTMLElement {
  const spec = DOCUMENT_ACTIONS[type] ?? { vi: type, en: type };
  const prefix = `d-${type}`;
  const fields: HTMLElement[] =
    spec.field === 'reason'
      ? labelled(`${prefix}-reason`, 'Lý do', 'Reason', h('textarea', { rows: 3, maxlength: 2000 }))
      : spec.field === 'assignee'
        ? labelled(`${prefix}-assignee`, 'Người được giao', 'Assignee', input({ maxlength: 100 }))
        : spec.field === 'note'
          ? labelled(
              `${prefix}-note`,
              'Ghi chú (không bắt buộc)',
              'Note (optional)',
              h('textarea', { rows: 3 }),
            )
          : [];
  const form = h(
    'form',
    { novalidate: true, id: `${prefix}-form` },
    ...fields,
    h('button', { type: 'submit' }, `${spec.vi} / ${spec.en}`),
  );
  onSubmit(form, context.showError, async () => {
    const value = spec.field ? controlValue(form, `${prefix}-${spec.field}`) : '';
    if (spec.field && spec.field !== 'note' && !value)
      throw errorBody('Hãy điền thông tin được yêu cầu.', 'Fill in the field asked for.');
    const answer = await context.call.json(
      `/officer/documents/${encodeURIComponent(id)}/actions`,
      jsonPost({ type, ...(value ? { [spec.field ?? 'note']: value } : {}) }),
    );
    if (!answer.ok) throw failureOf(answer);
    // why: the confirmation is read out once the page shows the copy after the step.
    await reload();
    context.announce(`Đã thực hiện: ${spec.vi}. / Done: ${spec.en}.`);
  });
  return h('details', { 'data-action': type }, h('summary', {}, `${spec.vi} / ${spec.en}`), form);
}

function exportButton(context: DocumentsContext, id: string, documentId: string): HTMLElement {
  const target = h('p', { id: 'edxml-link', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'secondary' }, 'Xuất tệp edXML / Export edXML');
  button.addEventListener('click', async () => {
    const answer = await context.call.json(`/officer/documents/${encodeURIComponent(id)}/edxml`, {
      headers: { accept: 'application/xml' },
    });
    if (!answer.ok || typeof answer.body !== 'string') {
      context.showError(failureOf(answer));
      return;
    }
    const url = URL.createObjectURL(new Blob([answer.body], { type: 'application/xml' }));
    const download = h(
      'a',
      { href: url, download: `${documentId.replace(/[^\p{L}\p{N}.-]+/gu, '_')}.edxml` },
      'Tải tệp edXML / Download the edXML file',
    );
    target.replaceChildren(download);
    download.focus();
  });
  return h('div', { class: 'no-print' }, button, target);
}

function copySection(copy: Record<string, unknown>, index: number): HTMLElement {
  const steps = list(copy.steps).map(record);
  const name = `${str(copy.organName) ?? ''} (${str(copy.organId) ?? ''})`;
  return h(
    'div',
    { class: 'recipient', 'data-organ': str(copy.organId) ?? '' },
    h('h3', {}, `${name}: ${stateText(str(copy.state), str(copy.recall))}`),
    steps.length
      ? dataTable(
          `steps-${index}`,
          `Các bước của ${name} / Steps`,
          [
            ['Bước', 'Step'],
            ['Lúc', 'At'],
            ['Người thực hiện', 'By'],
            ['Thời gian', 'Took'],
            ['Nơi gửi đã nhận phản hồi', 'Acknowledged'],
          ],
          steps.map((step) => [
            `${STATES[str(step.status) ?? ''] ?? str(step.status) ?? ''} (${str(step.code) ?? ''})${step.note ? ` — ${str(step.note)}` : ''}`,
            timeText(str(step.at)),
            str(step.by) ?? '',
            durationText(Number(step.tookMs ?? 0)),
            step.acknowledgedAt ? timeText(str(step.acknowledgedAt)) : 'Chưa / Not yet',
          ]),
        )
      : h('p', {}, 'Chưa có bước nào. / No step yet.'),
  );
}

async function renderDocument(context: DocumentsContext, id: string): Promise<void> {
  const answer = await context.call.json(`/officer/documents/${encodeURIComponent(id)}`);
  if (!answer.ok) {
    const heading = viewTitle('Không mở được văn bản', 'The document could not be opened');
    context.container.replaceChildren(link('#/van-ban', '← Văn bản đến / Inbox'), heading);
    context.showError(failureOf(answer));
    heading.focus();
    return;
  }
  const document_ = record(answer.body);
  const envelope = record(document_.envelope);
  const sender = document_.role === 'sender';
  const copies = list(document_.recipients).map(record);
  const allowed = [
    ...new Set(
      copies.flatMap((copy) => list(copy.allowedActions).filter((name) => typeof name === 'string')),
    ),
  ];
  const reload = () => renderDocument(context, id);
  const heading = h('h1', { id: 'view-title', tabindex: '-1' }, str(envelope.subject) ?? id);
  const printButton = h('button', { type: 'button', class: 'secondary no-print' }, 'In / Print');
  printButton.addEventListener('click', () => window.print());
  context.container.replaceChildren(
    link(
      sender ? '#/van-ban?box=outbox' : '#/van-ban',
      sender ? '← Văn bản đi / Outbox' : '← Văn bản đến / Inbox',
    ),
    heading,
    section(
      'document',
      sender ? 'Văn bản đi' : 'Văn bản đến',
      sender ? 'Sent document' : 'Received document',
      envelopeFacts(envelope),
      h('h3', {}, ...both('Tệp đính kèm', 'Attachments')),
      attachmentViewer(context, id, list(envelope.attachments).map(record)),
      printButton,
      exportButton(context, id, str(document_.documentId) ?? id),
    ),
    h(
      'section',
      { class: 'box actions', 'aria-labelledby': 'actions-title' },
      h('h2', { id: 'actions-title' }, ...both('Thao tác', 'Actions')),
      ...(allowed.length
        ? allowed.map((type) => actionForm(context, id, type, reload))
        : [h('p', {}, 'Không có thao tác nào lúc này. / Nothing to do now.')]),
    ),
    section(
      'acknowledgements',
      sender ? 'Tiếp nhận và xử lý ở nơi nhận' : 'Các bước của đơn vị',
      sender ? 'Acknowledgements from the recipients' : 'Your unit’s steps',
      ...copies.map(copySection),
    ),
  );
  document.title = `${str(envelope.subject) ?? id} – Một cửa điện tử`;
  heading.focus();
}

/** Document exchange: inbox and outbox, one document with its steps and actions, send, edXML import. */
export async function renderDocuments(
  context: DocumentsContext,
  path: string,
  params: URLSearchParams,
): Promise<void> {
  markCurrent('documents');
  document.title = 'Văn bản liên thông – Một cửa điện tử';
  const rest = decodeURIComponent(path.replace(/^\/van-ban\/?/, ''));
  if (rest === 'gui') return renderSend(context);
  if (rest === 'nhap') return renderImport(context);
  if (rest) return renderDocument(context, rest);
  return renderBoxes(context, params);
}
