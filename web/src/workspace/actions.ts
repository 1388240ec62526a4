import { errorBody, isErrorBody, PDF_TIMEOUT_MS } from '../api.ts';
import { ACCEPTED_FILES, problemOf, uploadFile } from '../uploads.ts';
import { both, h, labelled, list, record, str } from './elements.ts';
import { apiBase, failureOf, jsonPost, type OfficerCall } from './officer-api.ts';
import { controlValue, onSubmit } from './sections.ts';

type Field =
  | 'reason'
  | 'optionalReason'
  | 'note'
  | 'documents'
  | 'assignee'
  | 'toAgencyCode'
  | 'amountVnd'
  | 'toStep'
  | 'newDueAt'
  | 'proposedDueAt'
  | 'resultFile'
  | 'checklist';

interface ActionSpec {
  vi: string;
  en: string;
  fields: Field[];
  /** The form the action issues, named so the officer knows what the citizen will receive. */
  issues?: string;
}

/** Every officer action, with the fields its form asks for. */
export const ACTIONS: Record<string, ActionSpec> = {
  accept: {
    vi: 'Tiếp nhận hồ sơ',
    en: 'Receive the dossier',
    fields: ['checklist'],
    issues: 'Giấy tiếp nhận và hẹn trả kết quả (mẫu 01) / Receipt (form 01)',
  },
  request_supplement: {
    vi: 'Yêu cầu bổ sung hồ sơ',
    en: 'Request a supplement',
    fields: ['documents', 'reason'],
    issues: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02) / Form 02',
  },
  receive_supplement: { vi: 'Nhận hồ sơ bổ sung', en: 'Accept the supplied documents', fields: [] },
  refuse: {
    vi: 'Từ chối tiếp nhận',
    en: 'Refuse the dossier',
    fields: ['reason'],
    issues: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ (mẫu 03) / Form 03',
  },
  start_processing: { vi: 'Bắt đầu xử lý', en: 'Start processing', fields: [] },
  forward: { vi: 'Chuyển bước tiếp theo', en: 'Forward to the next step', fields: ['note'] },
  send_back: { vi: 'Trả lại bước trước', en: 'Send back', fields: ['toStep', 'optionalReason'] },
  assign: { vi: 'Phân công cán bộ', en: 'Assign an officer', fields: ['assignee'] },
  transfer: { vi: 'Chuyển cơ quan khác', en: 'Transfer to another agency', fields: ['toAgencyCode', 'note'] },
  request_payment: { vi: 'Yêu cầu nộp phí, lệ phí', en: 'Request payment', fields: ['amountVnd'] },
  confirm_payment: { vi: 'Xác nhận đã nộp phí', en: 'Confirm the payment', fields: [] },
  complete: {
    vi: 'Ký duyệt kết quả',
    en: 'Sign the result',
    fields: ['resultFile', 'note'],
  },
  return_result: { vi: 'Trả kết quả cho công dân', en: 'Return the result', fields: [] },
  stop: {
    vi: 'Dừng xử lý',
    en: 'Stop processing',
    fields: ['reason'],
    issues: 'Thông báo dừng giải quyết hồ sơ (mẫu 05) / Form 05',
  },
  draft_apology: { vi: 'Dự thảo thư xin lỗi', en: 'Draft an apology', fields: ['reason', 'proposedDueAt'] },
  approve_apology: {
    vi: 'Duyệt thư xin lỗi và hẹn lại',
    en: 'Approve the apology',
    fields: ['newDueAt', 'optionalReason'],
    issues: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả (mẫu 04) / Form 04',
  },
};

export interface ActionContext {
  call: OfficerCall;
  dossier: Record<string, unknown>;
  /** Called after an action succeeded, with a bilingual confirmation. */
  done(message: string): void;
  showError(body: unknown): void;
}

const area = (required: boolean) =>
  h('textarea', { rows: 3, maxlength: 2000, required: required || undefined });

function dueInput(): HTMLInputElement {
  return h('input', { type: 'datetime-local' });
}

/** `2026-12-03T10:00` typed in Vietnam time, as the API's ISO time with its offset. */
const vietnamIso = (local: string) =>
  local ? `${local.length === 16 ? `${local}:00` : local}+07:00` : undefined;

function checklist(prefix: string, dossier: Record<string, unknown>): HTMLElement {
  const attachments = list(dossier.attachments).map(record);
  const items = attachments.length
    ? attachments.map((attachment, index) =>
        h(
          'label',
          { class: 'inline' },
          h('input', { type: 'checkbox', id: `${prefix}-check-${index}`, required: true, 'data-check': '' }),
          `${str(attachment.documentCode) ? `${str(attachment.documentCode)}: ` : ''}${str(attachment.fileName) ?? ''}`,
        ),
      )
    : [h('p', { class: 'hint' }, 'Hồ sơ không có tệp đính kèm. / The dossier has no files.')];
  return h(
    'fieldset',
    {},
    h('legend', {}, ...both('Đã kiểm tra thành phần hồ sơ', 'Components checked')),
    ...items,
  );
}

function documentsField(prefix: string, dossier: Record<string, unknown>): HTMLElement {
  const components = [
    ...new Set(
      list(dossier.attachments)
        .map(record)
        .map((attachment) => str(attachment.documentCode))
        .filter((code): code is string => Boolean(code)),
    ),
  ];
  const other = h('textarea', { rows: 2, maxlength: 2000 });
  return h(
    'fieldset',
    {},
    h('legend', {}, ...both('Giấy tờ cần bổ sung', 'Documents to supply')),
    ...components.map((code, index) =>
      h(
        'label',
        { class: 'inline' },
        h('input', { type: 'checkbox', id: `${prefix}-doc-${index}`, value: code, 'data-document': '' }),
        code,
      ),
    ),
    ...labelled(
      `${prefix}-documents-other`,
      'Giấy tờ khác (mỗi dòng một loại)',
      'Other documents, one per line',
      other,
    ),
  );
}

/**
 * The officers of the unit to assign to, as `GET /officer/colleagues` lists them (active ones, with
 * their roles); the server still checks that the one chosen holds the step's role.
 */
function colleagueField(prefix: string, call: OfficerCall): HTMLElement[] {
  const choose = h('select', { required: true });
  choose.append(new Option('— Chọn cán bộ / Choose an officer —', ''));
  const parts = labelled(
    `${prefix}-assignee`,
    'Cán bộ được giao',
    'Officer to assign',
    choose,
    'Đang tải danh sách cán bộ của đơn vị… / Loading the unit’s officers…',
  );
  const hint = parts[2];
  hint?.setAttribute('aria-live', 'polite');
  call
    .json('/officer/colleagues')
    .then((answer) => {
      if (!answer.ok) throw failureOf(answer);
      const colleagues = list(record(answer.body).colleagues).map(record);
      for (const colleague of colleagues) {
        const username = str(colleague.username);
        if (!username) continue;
        const roles = list(colleague.roles)
          .map((role) => str(record(role).vi))
          .filter(Boolean)
          .join(', ');
        const name = str(colleague.displayName) ?? username;
        choose.append(new Option(`${name} (${username})${roles ? ` — ${roles}` : ''}`, username));
      }
      if (hint)
        hint.textContent = `${colleagues.length} cán bộ đang hoạt động; chỉ người có vai trò của bước được nhận. / ${colleagues.length} active officers; only one holding the step’s role can take it.`;
    })
    .catch(() => {
      if (hint)
        hint.textContent =
          'Không tải được danh sách cán bộ; hãy mở lại hồ sơ. / The unit’s officers could not be loaded; open the dossier again.';
    });
  return parts;
}

function fieldElements(
  prefix: string,
  field: Field,
  dossier: Record<string, unknown>,
  steps: string[],
  call: OfficerCall,
) {
  switch (field) {
    case 'checklist':
      return [checklist(prefix, dossier)];
    case 'documents':
      return [documentsField(prefix, dossier)];
    case 'reason':
      return labelled(`${prefix}-reason`, 'Lý do', 'Reason', area(true));
    case 'optionalReason':
      return labelled(`${prefix}-reason`, 'Lý do (không bắt buộc)', 'Reason (optional)', area(false));
    case 'note':
      return labelled(`${prefix}-note`, 'Ghi chú (không bắt buộc)', 'Note (optional)', area(false));
    case 'assignee':
      return colleagueField(prefix, call);
    case 'toAgencyCode':
      return labelled(
        `${prefix}-to`,
        'Mã cơ quan nhận',
        'Code of the receiving agency',
        h('input', { type: 'text', required: true, maxlength: 35, spellcheck: 'false' }),
        'Ví dụ / e.g. 000.00.13.H56',
      );
    case 'amountVnd':
      return labelled(
        `${prefix}-amount`,
        'Số tiền (đồng)',
        'Amount (VND)',
        h('input', { type: 'number', required: true, min: 1, step: 1, inputmode: 'numeric' }),
      );
    case 'toStep': {
      const choose = h('select');
      choose.append(new Option('Bước trước đó / The previous step', ''));
      for (const step of steps) choose.append(new Option(step, step));
      return labelled(`${prefix}-to-step`, 'Trả về bước', 'Back to step', choose);
    }
    case 'newDueAt':
      return labelled(
        `${prefix}-due`,
        'Ngày hẹn mới (không bắt buộc)',
        'New appointment (optional)',
        dueInput(),
      );
    case 'proposedDueAt':
      return labelled(
        `${prefix}-due`,
        'Đề xuất ngày hẹn mới (không bắt buộc)',
        'Proposed appointment (optional)',
        dueInput(),
      );
    case 'resultFile':
      return labelled(
        `${prefix}-file`,
        'Tệp kết quả đã dự thảo (PDF)',
        'The drafted result file (PDF)',
        h('input', { type: 'file', accept: ACCEPTED_FILES }),
        'Để trống nếu thủ tục trả kết quả bản giấy. / Leave empty when the result is on paper only.',
      );
  }
}

async function bodyOf(
  type: string,
  prefix: string,
  form: HTMLFormElement,
  step: string | undefined,
): Promise<Record<string, unknown>> {
  const spec = ACTIONS[type];
  const body: Record<string, unknown> = { type, ...(step ? { step } : {}) };
  for (const field of spec?.fields ?? []) {
    switch (field) {
      case 'checklist': {
        const boxes = Array.from(form.querySelectorAll<HTMLInputElement>('input[data-check]'));
        if (boxes.some((box) => !box.checked))
          throw errorBody(
            'Hãy đánh dấu từng thành phần hồ sơ đã kiểm tra.',
            'Tick every component you checked.',
          );
        break;
      }
      case 'documents': {
        const ticked = Array.from(
          form.querySelectorAll<HTMLInputElement>('input[data-document]:checked'),
        ).map((box) => box.value);
        const other = controlValue(form, `${prefix}-documents-other`)
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
        body.documents = [...ticked, ...other];
        break;
      }
      case 'reason':
      case 'optionalReason':
        if (controlValue(form, `${prefix}-reason`)) body.reason = controlValue(form, `${prefix}-reason`);
        break;
      case 'note':
        if (controlValue(form, `${prefix}-note`)) body.note = controlValue(form, `${prefix}-note`);
        break;
      case 'assignee':
        body.assignee = controlValue(form, `${prefix}-assignee`);
        if (!body.assignee) throw errorBody('Hãy chọn cán bộ được giao.', 'Choose the officer to assign.');
        break;
      case 'toAgencyCode':
        body.toAgencyCode = controlValue(form, `${prefix}-to`);
        break;
      case 'amountVnd':
        body.amountVnd = Number(controlValue(form, `${prefix}-amount`));
        break;
      case 'toStep':
        if (controlValue(form, `${prefix}-to-step`)) body.toStep = controlValue(form, `${prefix}-to-step`);
        break;
      case 'newDueAt':
        if (controlValue(form, `${prefix}-due`))
          body.newDueAt = vietnamIso(controlValue(form, `${prefix}-due`));
        break;
      case 'proposedDueAt':
        if (controlValue(form, `${prefix}-due`))
          body.proposedDueAt = vietnamIso(controlValue(form, `${prefix}-due`));
        break;
      case 'resultFile': {
        const input = form.querySelector<HTMLInputElement>(`#${prefix}-file`);
        const file = input?.files?.[0];
        if (file) {
          const problem = problemOf(file);
          if (problem) throw errorBody(...problem);
          body.resultDocumentKey = await uploadFile(apiBase, file);
        }
        break;
      }
    }
  }
  return body;
}

/** The form number of each action that issues one, as the preview route names it. */
export const PREVIEW_FORMS: Record<string, string> = {
  accept: '01',
  request_supplement: '02',
  refuse: '03',
  approve_apology: '04',
  stop: '05',
};

/**
 * A button showing the form the action would issue, from the fields as filled now: the server
 * renders it unsigned and stamped as a preview, and the page shows it from a blob: URL.
 */
function previewButton(context: ActionContext, type: string, prefix: string, step: string | undefined) {
  const code = str(context.dossier.dossierCode) ?? '';
  const viewer = h('div', { id: `${prefix}-preview`, 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'secondary' }, 'Xem trước phiếu / Preview the form');
  let shown: string | undefined;
  button.addEventListener('click', async () => {
    const form = button.form;
    if (!form) return;
    button.setAttribute('disabled', '');
    try {
      const body = await bodyOf(type, prefix, form, step);
      const path = `/officer/dossiers/${encodeURIComponent(code)}/forms/${PREVIEW_FORMS[type]}/preview`;
      const init = {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/pdf' },
        body: JSON.stringify(body),
      };
      const answer = await context.call.json(path, init, PDF_TIMEOUT_MS);
      if (!answer.ok || !(answer.body instanceof Blob)) throw failureOf(answer);
      if (shown) URL.revokeObjectURL(shown);
      shown = URL.createObjectURL(answer.body);
      const title = `Bản xem trước mẫu ${PREVIEW_FORMS[type]} / Preview of form ${PREVIEW_FORMS[type]}`;
      const open = h(
        'a',
        { href: shown, target: '_blank', rel: 'noopener' },
        'Mở bản xem trước / Open the preview',
      );
      viewer.replaceChildren(h('p', {}, open), h('iframe', { class: 'preview', src: shown, title }));
      open.focus();
    } catch (failure) {
      context.showError(
        isErrorBody(failure) ? failure : errorBody('Không xem trước được phiếu.', 'The preview failed.'),
      );
    } finally {
      button.removeAttribute('disabled');
    }
  });
  return [button, viewer];
}

/** One action as a form, opened on demand; the step it acts on is fixed when the officer holds several. */
export function actionForm(
  context: ActionContext,
  type: string,
  step?: string,
  stepName?: string,
): HTMLElement {
  const spec = ACTIONS[type] ?? { vi: type, en: type, fields: [] };
  const prefix = `a-${type}${step ? `-${step}` : ''}`.replace(/[^a-zA-Z0-9_-]/g, '_');
  const code = str(context.dossier.dossierCode) ?? '';
  const sendBackSteps = list(record(context.dossier.process).done)
    .map(record)
    .map((row) => str(row.step))
    .filter((name): name is string => Boolean(name));
  const form = h(
    'form',
    { novalidate: true, id: `${prefix}-form`, 'data-action': type },
    ...(spec.issues ? [h('p', { class: 'hint' }, `Sẽ ban hành / Issues: ${spec.issues}`)] : []),
    ...spec.fields.flatMap((field) =>
      fieldElements(prefix, field, context.dossier, [...new Set(sendBackSteps)], context.call),
    ),
    ...(spec.issues && PREVIEW_FORMS[type] ? previewButton(context, type, prefix, step) : []),
    h('button', { type: 'submit' }, `${spec.vi} / ${spec.en}`),
  );
  onSubmit(form, context.showError, async () => {
    const body = await bodyOf(type, prefix, form, step);
    const answer = await context.call.json(
      `/officer/dossiers/${encodeURIComponent(code)}/actions`,
      jsonPost(body),
      PDF_TIMEOUT_MS,
    );
    if (!answer.ok) throw failureOf(answer);
    context.done(`Đã thực hiện: ${spec.vi}. / Done: ${spec.en}.`);
  });
  return h(
    'details',
    { 'data-action': type },
    h('summary', {}, `${spec.vi} / ${spec.en}${stepName ? ` — ${stepName}` : ''}`),
    form,
  );
}

/** The actions this officer may take now, as the API lists them for the dossier. */
export function actionList(context: ActionContext): HTMLElement {
  const stepActions = list(context.dossier.stepActions).map(record);
  const allowed = list(context.dossier.allowedActions).filter(
    (name): name is string => typeof name === 'string',
  );
  const forms: HTMLElement[] = [];
  const covered = new Set<string>();
  for (const entry of stepActions) {
    const action = str(entry.action);
    if (!action) continue;
    const steps = stepActions.filter((other) => other.action === action);
    covered.add(action);
    forms.push(
      actionForm(
        context,
        action,
        steps.length > 1 ? str(entry.step) : undefined,
        steps.length > 1 ? str(entry.stepName) : undefined,
      ),
    );
  }
  for (const action of allowed) if (!covered.has(action)) forms.push(actionForm(context, action));
  return h(
    'section',
    { class: 'box actions', 'aria-labelledby': 'actions-title' },
    h('h2', { id: 'actions-title' }, ...both('Thao tác', 'Actions')),
    ...(forms.length
      ? forms
      : [
          h(
            'p',
            {},
            'Bạn không có thao tác nào trên hồ sơ này lúc này. / Nothing for you to do on this dossier now.',
          ),
        ]),
  );
}
