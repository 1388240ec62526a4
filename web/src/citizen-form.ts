import type { AgencyRecord, Procedure } from '../../shared/contracts/catalog.ts';
import type { SubmitDossierResponse } from '../../shared/contracts/dossiers.ts';
import { processingTimeWording } from '../../shared/domain/calendar/appointment.ts';
import { DOCUMENT_FORM_LABELS } from '../../shared/domain/intake/document-forms.ts';
import {
  isProcedureList,
  isSubmitDossierResponse,
  isUploadResponse,
  type UploadResponse,
} from './answers.ts';
import { type ErrorBody, errorBody, type FieldError, fetchWithin, isErrorBody, jsonOf } from './api.ts';
import { byId, fieldValue } from './dom.ts';
import { emptyState } from './empty-state.ts';
import { showErrorSummary } from './error-summary.ts';
import { fold } from './fold.ts';

type UploadState = 'uploading' | 'done' | 'failed';

interface Upload {
  file: File;
  /** The procedure's document component the file is, when the procedure lists components. */
  documentCode: string | undefined;
  progress: HTMLProgressElement;
  stateEl: HTMLElement;
  key: string | null;
  state: UploadState;
  promise?: Promise<void>;
}

const base = location.pathname.endsWith('/') ? location.pathname : `${location.pathname}/`;
const errors = byId('errors');
const procedureSelect = byId('procedure', HTMLSelectElement);
const MAX_BYTES = 10 * 1024 * 1024;
const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};
const ONLINE: Record<string, string> = {
  full: 'Toàn trình / Fully online',
  partial: 'Một phần / Partly online',
};
let procedures: Procedure[] = [];
let agencies = new Map<string, AgencyRecord>();
let uploads: Upload[] = [];
let catalogFailed = false;
/** The procedure whose document boxes are shown. */
let componentsOf: string | undefined;

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
const extensionOf = (name: string) => (name.split('.').pop() ?? '').toLowerCase();
const typeOf = (file: File) => file.type || TYPES[extensionOf(file.name)];

const showErrors = (body: unknown) => showErrorSummary(errors, body);

function fillSelect(select: HTMLSelectElement, entries: [string, string][]) {
  for (const [value, text] of entries) select.append(new Option(text, value));
}

function placeholder(text: string) {
  procedureSelect.replaceChildren(new Option(text, ''));
}

/** The catalog, or a bilingual reason why it is not shown with a button to ask again. */
async function loadProcedures() {
  const state = byId('catalog-state');
  state.textContent = '';
  placeholder('— Đang tải… / Loading… —');
  try {
    const response = await fetchWithin(`${base}procedures`);
    const body = await jsonOf(response);
    if (!response.ok || !isProcedureList(body)) throw isErrorBody(body) ? body : undefined;
    procedures = body.procedures;
    agencies = new Map(body.agencies.map((a) => [a.code, a]));
  } catch (failure) {
    const reason: ErrorBody = isErrorBody(failure)
      ? failure
      : errorBody('Không tải được danh sách thủ tục.', 'The list of procedures could not be loaded.');
    placeholder('— Không tải được danh sách / The list could not be loaded —');
    catalogFailed = true;
    showErrors(reason);
    state.replaceChildren(emptyState(reason.error.message, () => void loadProcedures()));
    return;
  }
  const fields = [...new Set(procedures.map((p) => p.field))].sort((a, b) => a.localeCompare(b, 'vi'));
  const fieldFilter = byId('field-filter', HTMLSelectElement);
  const agencyFilter = byId('agency-filter', HTMLSelectElement);
  fieldFilter.replaceChildren(new Option('Tất cả / All', ''));
  agencyFilter.replaceChildren(new Option('Tất cả / All', ''));
  fillSelect(
    fieldFilter,
    fields.map((f) => [f, f]),
  );
  const used = [...new Set(procedures.map((p) => p.agencyCode))];
  fillSelect(
    agencyFilter,
    used.map((code) => [code, agencies.get(code)?.name ?? code]),
  );
  if (catalogFailed) errors.textContent = '';
  catalogFailed = false;
  if (!procedures.length)
    state.replaceChildren(
      emptyState({ vi: 'Chưa có thủ tục nào được công bố.', en: 'No procedures have been published yet.' }),
    );
  renderProcedures();
}

function renderProcedures() {
  const query = fold(byId('search', HTMLInputElement).value.trim());
  const field = byId('field-filter', HTMLSelectElement).value;
  const agency = byId('agency-filter', HTMLSelectElement).value;
  const matches = procedures.filter(
    (p) =>
      (!field || p.field === field) &&
      (!agency || p.agencyCode === agency) &&
      (!query || fold(p.name).includes(query) || p.code.toLowerCase().includes(query)),
  );
  const chosen = procedureSelect.value;
  placeholder(
    matches.length
      ? '— Chọn thủ tục / Choose —'
      : procedures.length
        ? '— Không có thủ tục phù hợp / No match —'
        : '— Chưa có thủ tục / No procedures yet —',
  );
  fillSelect(
    procedureSelect,
    matches.map((p) => [p.code, `${p.name} (${p.code})`]),
  );
  const only = matches.length === 1 ? matches[0] : undefined;
  if (matches.some((p) => p.code === chosen)) procedureSelect.value = chosen;
  else if (only) procedureSelect.value = only.code;
  byId('match-count').textContent = `Tìm thấy ${matches.length} thủ tục / ${matches.length} procedures found`;
  showProcedure();
}

function fact(list: HTMLElement, term: string, value: string) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  list.append(dt, dd);
}

function showProcedure() {
  const info = byId('procedure-info');
  info.textContent = '';
  const p = procedures.find((candidate) => candidate.code === procedureSelect.value);
  if (!p) {
    showComponents(undefined);
    return;
  }
  const title = document.createElement('h2');
  title.textContent = p.name;
  const facts = document.createElement('dl');
  facts.className = 'facts';
  fact(facts, 'Mã thủ tục / Code', p.code);
  fact(facts, 'Lĩnh vực / Field', p.field);
  fact(facts, 'Cơ quan / Agency', agencies.get(p.agencyCode)?.name ?? p.agencyCode);
  const time = processingTimeWording(p);
  fact(facts, 'Thời hạn giải quyết / Processing time', `${time.vi} / ${time.en}`);
  fact(facts, 'Lệ phí / Fee', p.feeVnd ? `${p.feeVnd.toLocaleString('vi-VN')} đ` : 'Miễn phí / Free');
  fact(facts, 'Mức độ trực tuyến / Online level', ONLINE[p.onlineLevel] ?? p.onlineLevel);
  const heading = document.createElement('h3');
  heading.textContent = 'Giấy tờ cần nộp / Required documents';
  const documents = document.createElement('ul');
  documents.id = 'required-documents';
  for (const d of p.requiredDocuments) {
    const item = document.createElement('li');
    item.append(document.createTextNode(`${d.name} (${componentForm(d)})`), needOf(d));
    documents.append(item);
  }
  if (!p.requiredDocuments.length)
    documents.append(Object.assign(document.createElement('li'), { textContent: 'Không yêu cầu / None' }));
  info.append(title, facts, heading, documents);
  showComponents(p);
}

type Component = Procedure['requiredDocuments'][number];

const componentForm = (d: Component) =>
  `${DOCUMENT_FORM_LABELS[d.form]}, ${d.copies} bản / ${d.copies} cop${d.copies === 1 ? 'y' : 'ies'}`;

function needOf(d: Component) {
  const need = document.createElement('span');
  need.className = d.mandatory ? 'required' : 'hint';
  need.textContent = d.mandatory ? ' (bắt buộc / required)' : ' (không bắt buộc / optional)';
  return need;
}

/**
 * One box per document component, each with its own file input, so that every file is sent as the
 * component it is; a procedure without components gets one box for any files. Files chosen stay while
 * the same procedure stays chosen.
 */
function showComponents(p: Procedure | undefined) {
  if (p?.code === componentsOf) return;
  componentsOf = p?.code;
  const container = byId('components');
  container.textContent = '';
  uploads = [];
  if (!p) {
    const hint = document.createElement('p');
    hint.className = 'hint';
    hint.textContent =
      'Chọn thủ tục để xem các giấy tờ cần nộp. / Choose a procedure to see the documents it needs.';
    container.append(hint);
    return;
  }
  const boxes: (Component | undefined)[] = p.requiredDocuments.length ? p.requiredDocuments : [undefined];
  for (const [index, d] of boxes.entries()) {
    const box = document.createElement('div');
    box.className = 'component drop-zone';
    const inputId = `file-${index}`;
    const label = document.createElement('label');
    label.htmlFor = inputId;
    label.textContent = d ? d.name : 'Tệp đính kèm / Attachments';
    if (d) label.append(needOf(d));
    const hint = document.createElement('p');
    hint.className = 'hint';
    hint.id = `${inputId}-hint`;
    const alternates = (d?.alternates ?? [])
      .map((code) => p.requiredDocuments.find((other) => other.code === code)?.name ?? code)
      .join('; ');
    hint.textContent = d
      ? `${componentForm(d)}${alternates ? ` · Có thể thay bằng / or instead: ${alternates}` : ''}`
      : 'Thủ tục không quy định thành phần hồ sơ. / The procedure lists no documents.';
    const input = document.createElement('input');
    input.type = 'file';
    input.id = inputId;
    input.multiple = true;
    input.accept = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';
    input.setAttribute('aria-describedby', hint.id);
    if (d?.mandatory) input.setAttribute('aria-required', 'true');
    const list = document.createElement('ul');
    list.className = 'file-list';
    list.setAttribute('aria-label', `Tệp đã chọn: ${label.textContent} / Chosen files`);
    const take = (files: File[]) => {
      errors.textContent = '';
      addFiles(files, d?.code, list, input);
    };
    input.addEventListener('change', () => {
      take(Array.from(input.files ?? []));
      input.value = '';
    });
    box.addEventListener('dragover', (event) => {
      event.preventDefault();
      box.classList.add('over');
    });
    box.addEventListener('dragleave', () => box.classList.remove('over'));
    box.addEventListener('drop', (event) => {
      event.preventDefault();
      box.classList.remove('over');
      take(Array.from(event.dataTransfer?.files ?? []));
    });
    box.append(label, hint, input, list);
    container.append(box);
  }
}

for (const id of ['search', 'field-filter', 'agency-filter'])
  byId(id).addEventListener('input', renderProcedures);
procedureSelect.addEventListener('change', showProcedure);

/** Type and size are checked here, before anything is sent; the server checks the bytes again. */
function problemOf(file: File): [string, string] | null {
  const extension = extensionOf(file.name);
  const type = typeOf(file);
  if (!type || !Object.values(TYPES).includes(type) || TYPES[extension] !== type)
    return ['Chỉ nhận tệp PDF, JPEG hoặc PNG.', 'Only PDF, JPEG or PNG files are accepted.'];
  if (file.size > MAX_BYTES) return ['Tệp quá lớn (tối đa 10 MB).', 'The file is too large (10 MB at most).'];
  if (file.size === 0) return ['Tệp rỗng.', 'The file is empty.'];
  return null;
}

function setState(entry: Upload, state: UploadState, vi: string, en: string) {
  entry.state = state;
  entry.stateEl.className = `state ${state}`;
  entry.stateEl.textContent = `${vi} / ${en}`;
  if (state !== 'uploading') entry.progress.hidden = true;
}

function sendToBucket(entry: Upload, target: UploadResponse): Promise<void> {
  const { file } = entry;
  const form = new FormData();
  for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
  form.append('file', file);
  // XMLHttpRequest rather than fetch: only it reports upload progress.
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', target.url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) entry.progress.value = (e.loaded / e.total) * 100;
    };
    const failed = () =>
      reject(errorBody(`Tải tệp ${file.name} thất bại.`, `Upload of ${file.name} failed.`));
    xhr.onload = () => (xhr.status < 300 ? resolve() : failed());
    xhr.onerror = failed;
    xhr.send(form);
  });
}

async function upload(entry: Upload): Promise<void> {
  const { file } = entry;
  try {
    const response = await fetch(`${base}attachments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fileName: file.name, contentType: typeOf(file), sizeBytes: file.size }),
    });
    const body: unknown = await response.json();
    if (!response.ok || !isUploadResponse(body)) throw body;
    await sendToBucket(entry, body);
    entry.key = body.key;
    setState(entry, 'done', 'Đã tải lên', 'Uploaded');
  } catch (failure) {
    const error = isErrorBody(failure) ? failure.error : undefined;
    setState(
      entry,
      'failed',
      error ? error.message.vi : 'Tải lên thất bại',
      error ? error.message.en : 'Upload failed',
    );
  }
}

function addFiles(
  files: File[],
  documentCode: string | undefined,
  list: HTMLElement,
  input: HTMLInputElement,
) {
  const refused: FieldError[] = [];
  for (const file of files) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = `${file.name} (${sizeText(file.size)})`;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'secondary';
    remove.textContent = 'Bỏ / Remove';
    remove.setAttribute('aria-label', `Bỏ tệp ${file.name} / Remove ${file.name}`);
    const progress = document.createElement('progress');
    progress.max = 100;
    progress.value = 0;
    progress.setAttribute('aria-label', `Tiến độ tải ${file.name} / Upload progress`);
    const stateEl = document.createElement('span');
    stateEl.setAttribute('role', 'status');
    item.append(name, remove, progress, stateEl);
    list.append(item);
    const entry: Upload = { file, documentCode, progress, stateEl, key: null, state: 'uploading' };
    remove.addEventListener('click', () => {
      uploads = uploads.filter((candidate) => candidate !== entry);
      item.remove();
      input.focus();
    });
    const problem = problemOf(file);
    if (problem) {
      setState(entry, 'failed', ...problem);
      refused.push({ field: file.name, message: { vi: problem[0], en: problem[1] } });
      continue;
    }
    setState(entry, 'uploading', 'Đang tải lên…', 'Uploading…');
    entry.progress.hidden = false;
    entry.promise = upload(entry);
    uploads.push(entry);
  }
  if (refused.length) showErrors(errorBody('Có tệp không được nhận.', 'Some files were refused.', refused));
}

const kindSelect = byId('kind', HTMLSelectElement);
kindSelect.addEventListener('change', () => {
  for (const kind of ['individual', 'organisation', 'foreigner'])
    byId(`kind-${kind}`).hidden = kind !== kindSelect.value;
});
const hasRepresentative = byId('has-representative', HTMLInputElement);
hasRepresentative.addEventListener('change', () => {
  byId('representative').hidden = !hasRepresentative.checked;
});

/** The applicant as the API takes it: the fields of the chosen kind, and the representative if any. */
function applicantOf(): Record<string, unknown> {
  const contact: Record<string, string> = { address: fieldValue('address'), phone: fieldValue('phone') };
  if (fieldValue('email')) contact.email = fieldValue('email');
  const kind = kindSelect.value;
  const applicant: Record<string, unknown> =
    kind === 'organisation'
      ? {
          kind,
          name: fieldValue('orgName'),
          taxCode: fieldValue('taxCode'),
          legalRepresentative: fieldValue('legalRepresentative'),
          ...contact,
        }
      : kind === 'foreigner'
        ? {
            kind,
            fullName: fieldValue('foreignName'),
            passportNumber: fieldValue('passportNumber'),
            nationality: fieldValue('nationality'),
            ...contact,
          }
        : {
            kind: 'individual',
            fullName: fieldValue('fullName'),
            idNumber: fieldValue('idNumber'),
            ...contact,
          };
  if (hasRepresentative.checked)
    applicant.representative = {
      fullName: fieldValue('repName'),
      idNumber: fieldValue('repIdNumber'),
      authorisationDocument: fieldValue('repAuthorisation'),
    };
  return applicant;
}

/** The server checks each file's bytes at submission: its refusals are shown on the file they concern. */
function markServerRefusals(body: unknown, sent: Upload[]) {
  if (!isErrorBody(body)) return;
  for (const field of body.error.fields ?? []) {
    const index = /^attachments\.(\d+)/.exec(field.field)?.[1];
    const entry = index === undefined ? undefined : sent[Number(index)];
    if (entry) {
      setState(entry, 'failed', field.message.vi, field.message.en);
      field.field = entry.file.name;
    }
  }
}

/** An online dossier is submitted, not received: the desk checks it before form 01 is signed. */
function showSubmitted(body: SubmitDossierResponse) {
  byId('r-code').textContent = body.dossierCode;
  byId('r-submitted').textContent = new Date(body.submittedAt).toLocaleString('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  byId('r-status').textContent = 'Mới đăng ký — chờ tiếp nhận / Submitted — awaiting reception';
  byId('r-secret').textContent = body.lookupSecret;
  byId('r-lookup', HTMLAnchorElement).href = `${base}lookup?code=${encodeURIComponent(body.dossierCode)}`;
  byId('dossier-form').hidden = true;
  byId('receipt').hidden = false;
  byId('receipt').focus();
}

byId('dossier-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  errors.textContent = '';
  const button = byId('submit', HTMLButtonElement);
  const uploadStatus = byId('upload-status');
  button.disabled = true;
  let sent: Upload[] = [];
  try {
    if (uploads.some((entry) => entry.state === 'uploading'))
      uploadStatus.textContent = 'Đang chờ tải tệp xong… / Waiting for uploads to finish…';
    await Promise.all(uploads.map((entry) => entry.promise));
    uploadStatus.textContent = '';
    if (uploads.some((entry) => entry.state === 'failed'))
      throw errorBody(
        'Có tệp chưa tải lên được: hãy bỏ hoặc chọn lại.',
        'Some files did not upload: remove or choose them again.',
      );
    sent = uploads.slice();

    const payload: Record<string, unknown> = {
      procedureCode: fieldValue('procedure'),
      channel: 'online',
      applicant: applicantOf(),
      attachments: sent.map((entry) => ({
        key: entry.key,
        fileName: entry.file.name,
        ...(entry.documentCode && { documentCode: entry.documentCode }),
      })),
    };
    if (fieldValue('note')) payload.note = fieldValue('note');
    const key = sessionStorage.getItem('idempotency-key') || crypto.randomUUID();
    sessionStorage.setItem('idempotency-key', key);
    const response = await fetch(`${base}dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(payload),
    });
    const body: unknown = await response.json();
    if (!response.ok || !isSubmitDossierResponse(body)) throw body;
    sessionStorage.removeItem('idempotency-key');
    showSubmitted(body);
  } catch (failure) {
    markServerRefusals(failure, sent);
    showErrors(failure);
  } finally {
    button.disabled = false;
  }
});

errors.tabIndex = -1;
void loadProcedures();
