import { isProcedureList } from '../answers.ts';
import { errorBody, fetchWithin, isErrorBody, jsonOf, PDF_TIMEOUT_MS } from '../api.ts';
import { fold } from '../fold.ts';
import { ACCEPTED_FILES, problemOf, uploadFile } from '../uploads.ts';
import { both, h, labelled, record, str, timeText } from './elements.ts';
import { apiBase, failureOf, jsonPost, type OfficerCall } from './officer-api.ts';

export interface IntakeContext {
  call: OfficerCall;
  container: HTMLElement;
  unitCode: string;
  showError(body: unknown): void;
}

const input = (attributes: Record<string, string | number | boolean | undefined> = {}) =>
  h('input', { type: 'text', ...attributes });

/** A walk-in or postal dossier recorded by the desk: received at once, its signed receipt printed. */
export async function renderIntake(context: IntakeContext): Promise<void> {
  const heading = h(
    'h1',
    { id: 'view-title', tabindex: '-1' },
    ...both('Tiếp nhận hồ sơ tại quầy', 'Counter intake'),
  );
  context.container.replaceChildren(
    heading,
    h('p', {}, 'Đang tải danh mục thủ tục… / Loading the procedures…'),
  );
  heading.focus();
  const response = await fetchWithin(`${apiBase}procedures`).catch((failure: unknown) => failure);
  const catalog = response instanceof Response ? await jsonOf(response) : response;
  if (!isProcedureList(catalog)) {
    context.showError(
      isErrorBody(catalog)
        ? catalog
        : errorBody('Không tải được danh mục thủ tục.', 'The procedures could not be loaded.'),
    );
    return;
  }
  const procedures = catalog.procedures.filter((procedure) => procedure.agencyCode === context.unitCode);
  const filter = h('input', { type: 'search', autocomplete: 'off' });
  const choose = h('select', { required: true });
  const fillChoices = () => {
    const wanted = fold(filter.value.trim());
    choose.replaceChildren(new Option('— Chọn thủ tục / Choose a procedure —', ''));
    for (const procedure of procedures)
      if (!wanted || fold(`${procedure.code} ${procedure.name}`).includes(wanted))
        choose.append(new Option(`${procedure.name} (${procedure.code})`, procedure.code));
  };
  fillChoices();
  filter.addEventListener('input', fillChoices);

  const components = h('div', { id: 'intake-components' });
  const showComponents = () => {
    const procedure = procedures.find((candidate) => candidate.code === choose.value);
    components.replaceChildren(
      ...(procedure?.requiredDocuments ?? []).map((component, index) => {
        const file = h('input', { type: 'file', accept: ACCEPTED_FILES, 'data-component': component.code });
        return h(
          'div',
          {},
          ...labelled(
            `intake-file-${index}`,
            `${component.name}${component.mandatory ? ' (bắt buộc)' : ''}`,
            `${component.nameEn ?? component.code}${component.mandatory ? ' (required)' : ''}`,
            file,
          ),
        );
      }),
    );
  };
  choose.addEventListener('change', showComponents);

  const channel = h('select');
  channel.append(
    new Option('Tại quầy / At the counter', 'counter'),
    new Option('Bưu chính / By post', 'postal'),
  );
  const kind = h('select');
  kind.append(
    new Option('Cá nhân / Individual', 'individual'),
    new Option('Tổ chức, doanh nghiệp / Organisation', 'organisation'),
  );
  const fullName = input({ required: true, maxlength: 200, autocomplete: 'off' });
  const idNumber = input({ required: true, inputmode: 'numeric', maxlength: 12, autocomplete: 'off' });
  const organisationName = input({ required: true, maxlength: 300, autocomplete: 'off' });
  const taxCode = input({ required: true, inputmode: 'numeric', maxlength: 14, autocomplete: 'off' });
  const legalRepresentative = input({ required: true, maxlength: 120, autocomplete: 'off' });
  const individualFields = h(
    'div',
    { id: 'intake-individual' },
    ...labelled('intake-name', 'Họ và tên', 'Full name', fullName),
    ...labelled('intake-id', 'Số định danh cá nhân', 'Personal ID number', idNumber, '12 chữ số / 12 digits'),
  );
  const organisationFields = h(
    'div',
    { id: 'intake-organisation', hidden: true },
    ...labelled('intake-org-name', 'Tên tổ chức, doanh nghiệp', 'Organisation name', organisationName),
    ...labelled(
      'intake-tax-code',
      'Mã số doanh nghiệp / mã số thuế',
      'Enterprise or tax code',
      taxCode,
      '10 chữ số, hoặc 0123456789-001 với đơn vị phụ thuộc / 10 digits, or 0123456789-001 for a dependent unit',
    ),
    ...labelled(
      'intake-legal-rep',
      'Người đại diện theo pháp luật',
      'Legal representative',
      legalRepresentative,
    ),
  );
  kind.addEventListener('change', () => {
    individualFields.hidden = kind.value !== 'individual';
    organisationFields.hidden = kind.value !== 'organisation';
  });
  const address = input({ required: true, maxlength: 300, autocomplete: 'off' });
  const phone = h('input', { type: 'tel', required: true, maxlength: 15, autocomplete: 'off' });
  const email = h('input', { type: 'email', maxlength: 254, autocomplete: 'off' });
  const note = h('textarea', { rows: 2, maxlength: 2000 });
  const submit = h('button', { type: 'submit' }, 'Tiếp nhận và in giấy hẹn / Receive and print the receipt');
  const form = h(
    'form',
    { id: 'intake-form', novalidate: true },
    h(
      'fieldset',
      {},
      h('legend', {}, ...both('Thủ tục', 'Procedure')),
      ...labelled('intake-filter', 'Tìm thủ tục (có hoặc không dấu)', 'Find a procedure', filter),
      ...labelled('intake-procedure', 'Thủ tục hành chính', 'Procedure', choose),
      ...labelled('intake-channel', 'Hình thức nộp', 'How it was handed in', channel),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, ...both('Người nộp hồ sơ', 'Applicant')),
      ...labelled('intake-kind', 'Người nộp là', 'The applicant is', kind),
      individualFields,
      organisationFields,
      ...labelled('intake-address', 'Địa chỉ', 'Address', address),
      ...labelled('intake-phone', 'Số điện thoại', 'Phone', phone),
      ...labelled('intake-email', 'Thư điện tử (không bắt buộc)', 'E-mail (optional)', email),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, ...both('Giấy tờ đã scan', 'Scanned papers')),
      h(
        'p',
        { class: 'hint' },
        'Mỗi thành phần một tệp PDF, JPEG hoặc PNG, tối đa 10 MB. / One PDF, JPEG or PNG file per component, 10 MB at most.',
      ),
      components,
      ...labelled('intake-note', 'Ghi chú (không bắt buộc)', 'Note (optional)', note),
    ),
    submit,
  );
  const outcome = h('section', {
    id: 'intake-receipt',
    class: 'box',
    hidden: true,
    'aria-labelledby': 'receipt-title',
  });
  context.container.replaceChildren(heading, form, outcome);

  // One key per filled form: a second click or a retry after a lost answer records nothing twice.
  let idempotencyKey = crypto.randomUUID();
  form.addEventListener('input', () => {
    idempotencyKey = crypto.randomUUID();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!choose.value) {
      context.showError(errorBody('Hãy chọn thủ tục.', 'Choose a procedure.'));
      choose.focus();
      return;
    }
    submit.setAttribute('disabled', '');
    try {
      const attachments: { key: string; fileName: string; documentCode: string }[] = [];
      for (const fileInput of Array.from(components.querySelectorAll<HTMLInputElement>('input[type=file]'))) {
        const file = fileInput.files?.[0];
        if (!file) continue;
        const problem = problemOf(file);
        if (problem) throw errorBody(`${file.name}: ${problem[0]}`, `${file.name}: ${problem[1]}`);
        attachments.push({
          key: await uploadFile(apiBase, file),
          fileName: file.name,
          documentCode: fileInput.dataset.component ?? '',
        });
      }
      const answer = await context.call.json(
        '/officer/dossiers',
        jsonPost(
          {
            procedureCode: choose.value,
            channel: channel.value,
            applicant: {
              ...(kind.value === 'organisation'
                ? {
                    kind: 'organisation',
                    name: organisationName.value.trim(),
                    taxCode: taxCode.value.trim(),
                    legalRepresentative: legalRepresentative.value.trim(),
                  }
                : { kind: 'individual', fullName: fullName.value.trim(), idNumber: idNumber.value.trim() }),
              address: address.value.trim(),
              phone: phone.value.trim(),
              ...(email.value.trim() ? { email: email.value.trim() } : {}),
            },
            attachments,
            ...(note.value.trim() ? { note: note.value.trim() } : {}),
            wantsMail: Boolean(email.value.trim()),
          },
          idempotencyKey,
        ),
        PDF_TIMEOUT_MS,
      );
      if (!answer.ok) throw failureOf(answer);
      await showReceipt(context, outcome, record(answer.body));
      form.hidden = true;
    } catch (failure) {
      context.showError(
        isErrorBody(failure)
          ? failure
          : errorBody('Không tiếp nhận được.', 'The dossier could not be recorded.'),
      );
    } finally {
      submit.removeAttribute('disabled');
    }
  });
}

async function showReceipt(context: IntakeContext, outcome: HTMLElement, body: Record<string, unknown>) {
  const code = str(body.dossierCode) ?? '';
  const receipt = record(body.receipt);
  const url = str(receipt.url);
  const title = h(
    'h2',
    { id: 'receipt-title', tabindex: '-1' },
    ...both('Đã tiếp nhận hồ sơ', 'Dossier received'),
  );
  const print = h(
    'button',
    { type: 'button', id: 'print-receipt' },
    'In giấy tiếp nhận (mẫu 01) / Print the receipt (form 01)',
  );
  const viewer = h('div', { id: 'receipt-viewer' });
  print.addEventListener('click', async () => {
    const link = url
      ? { url }
      : record(
          (
            await context.call.json(
              `/officer/dossiers/${encodeURIComponent(code)}/forms/01`,
              {},
              PDF_TIMEOUT_MS,
            )
          ).body,
        );
    const href = str(link.url);
    if (!href) {
      context.showError(errorBody('Không lấy được giấy tiếp nhận.', 'The receipt could not be fetched.'));
      return;
    }
    const frame = h('iframe', { class: 'preview', src: href, title: 'Giấy tiếp nhận / Receipt' });
    viewer.replaceChildren(
      h(
        'p',
        {},
        h(
          'a',
          { href, target: '_blank', rel: 'noopener' },
          'Mở giấy tiếp nhận để in (nút in của trình xem PDF) / Open the receipt and print it from the PDF viewer',
        ),
      ),
      frame,
    );
  });
  outcome.replaceChildren(
    title,
    h(
      'dl',
      {},
      h('dt', {}, ...both('Mã hồ sơ', 'Dossier code')),
      h('dd', { id: 'intake-code' }, code),
      h('dt', {}, ...both('Mã tra cứu (đưa cho công dân)', 'Lookup secret (give to the citizen)')),
      h('dd', { class: 'secret' }, str(body.lookupSecret) ?? ''),
      h('dt', {}, ...both('Hẹn trả kết quả', 'Appointment')),
      h('dd', {}, timeText(str(body.dueAt))),
    ),
    print,
    h('p', {}, h('a', { href: `#/ho-so/${encodeURIComponent(code)}` }, 'Mở hồ sơ / Open the dossier')),
    h('p', {}, h('a', { href: '#/tiep-nhan', id: 'intake-again' }, 'Tiếp nhận hồ sơ khác / Record another')),
    viewer,
  );
  outcome.hidden = false;
  title.focus();
}
