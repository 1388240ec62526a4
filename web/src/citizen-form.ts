import type { AgencyRecord, Procedure } from '../../shared/contracts/catalog.ts';
import type { SubmitDossierResponse } from '../../shared/contracts/dossiers.ts';
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

type UploadState = 'uploading' | 'done' | 'failed';

interface Upload {
  file: File;
  progress: HTMLProgressElement;
  stateEl: HTMLElement;
  key: string | null;
  state: UploadState;
  promise?: Promise<void>;
}

const base = location.pathname.endsWith('/') ? location.pathname : `${location.pathname}/`;
const errors = byId('errors');
const procedureSelect = byId('procedure', HTMLSelectElement);
const filesInput = byId('files', HTMLInputElement);
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

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();
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
  if (!p) return;
  const title = document.createElement('h2');
  title.textContent = p.name;
  const facts = document.createElement('dl');
  facts.className = 'facts';
  fact(facts, 'Mã thủ tục / Code', p.code);
  fact(facts, 'Lĩnh vực / Field', p.field);
  fact(facts, 'Cơ quan / Agency', agencies.get(p.agencyCode)?.name ?? p.agencyCode);
  const unit =
    p.processingUnit === 'working_hours'
      ? ['giờ làm việc', 'working hours']
      : ['ngày làm việc', 'working days'];
  fact(
    facts,
    'Thời hạn giải quyết / Processing time',
    `${p.processingTime} ${unit[0]} / ${p.processingTime} ${unit[1]}`,
  );
  fact(facts, 'Lệ phí / Fee', p.feeVnd ? `${p.feeVnd.toLocaleString('vi-VN')} đ` : 'Miễn phí / Free');
  fact(facts, 'Mức độ trực tuyến / Online level', ONLINE[p.onlineLevel] ?? p.onlineLevel);
  const heading = document.createElement('h3');
  heading.textContent = 'Giấy tờ cần nộp / Required documents';
  const documents = document.createElement('ul');
  documents.id = 'required-documents';
  for (const d of p.requiredDocuments) {
    const item = document.createElement('li');
    const need = document.createElement('span');
    need.className = d.mandatory ? 'required' : 'hint';
    need.textContent = d.mandatory ? ' (bắt buộc / required)' : ' (không bắt buộc / optional)';
    item.append(document.createTextNode(d.name), need);
    documents.append(item);
  }
  if (!p.requiredDocuments.length)
    documents.append(Object.assign(document.createElement('li'), { textContent: 'Không yêu cầu / None' }));
  info.append(title, facts, heading, documents);
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

function addFiles(files: File[]) {
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
    byId('file-list').append(item);
    const entry: Upload = { file, progress, stateEl, key: null, state: 'uploading' };
    remove.addEventListener('click', () => {
      uploads = uploads.filter((candidate) => candidate !== entry);
      item.remove();
      filesInput.focus();
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

filesInput.addEventListener('change', () => {
  errors.textContent = '';
  addFiles(Array.from(filesInput.files ?? []));
  filesInput.value = '';
});
const zone = byId('drop-zone');
zone.addEventListener('dragover', (event) => {
  event.preventDefault();
  zone.classList.add('over');
});
zone.addEventListener('dragleave', () => zone.classList.remove('over'));
zone.addEventListener('drop', (event) => {
  event.preventDefault();
  zone.classList.remove('over');
  errors.textContent = '';
  addFiles(Array.from(event.dataTransfer?.files ?? []));
});

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

    const applicant: Record<string, string> = {
      fullName: fieldValue('fullName'),
      idNumber: fieldValue('idNumber'),
      address: fieldValue('address'),
      phone: fieldValue('phone'),
    };
    const payload: Record<string, unknown> = {
      procedureCode: fieldValue('procedure'),
      channel: 'online',
      applicant,
      attachments: sent.map((entry) => ({ key: entry.key, fileName: entry.file.name })),
    };
    if (fieldValue('email')) applicant.email = fieldValue('email');
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
