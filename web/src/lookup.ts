import type { DossierView } from '../../shared/contracts/dossiers.ts';
import { type Feedback, isDossierView, isFeedback, isLink, isSupplementResponse } from './answers.ts';
import { errorBody, fetchWithin, isErrorBody, jsonOf, PDF_TIMEOUT_MS } from './api.ts';
import { basePath, byId } from './dom.ts';
import { showErrorSummary } from './error-summary.ts';
import { handleResultDownload, isResultLink, showResultDownload } from './lookup-result.ts';
import { handleSupplementForm, showSupplement } from './lookup-supplement.ts';

const base = basePath('lookup');
const errors = byId('errors');
const RATINGS: [string, string][] = [
  ['Rất không hài lòng', 'Very dissatisfied'],
  ['Không hài lòng', 'Dissatisfied'],
  ['Bình thường', 'Neutral'],
  ['Hài lòng', 'Satisfied'],
  ['Rất hài lòng', 'Very satisfied'],
];
let current = { code: '', secret: '' };

const when = (iso: string) =>
  new Date(iso).toLocaleString('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
const dossierPath = (suffix = '') => `${base}dossiers/${encodeURIComponent(current.code)}${suffix}`;
const failure = (body: unknown) =>
  isErrorBody(body)
    ? body
    : errorBody('Không kết nối được, vui lòng thử lại.', 'Could not connect, please retry.');

const showErrors = (body: unknown) => showErrorSummary(errors, body);

async function request<T>(
  path: string,
  isAnswer: (body: unknown) => body is T,
  init: RequestInit = {},
  timeoutMs?: number,
): Promise<T> {
  let response: Response;
  try {
    response = await fetchWithin(
      path,
      {
        ...init,
        headers: withSecret(init.headers),
      },
      timeoutMs,
    );
  } catch (lost) {
    throw failure(lost);
  }
  const body = await jsonOf(response);
  if (!response.ok || !isAnswer(body)) throw failure(body);
  return body;
}

function withSecret(headers: HeadersInit | undefined): Headers {
  const all = new Headers(headers);
  all.set('x-lookup-secret', current.secret);
  return all;
}

for (const [index, [vi, en]] of RATINGS.entries()) {
  const label = document.createElement('label');
  const input = document.createElement('input');
  input.type = 'radio';
  input.name = 'rating';
  input.value = String(index + 1);
  input.id = `rating-${index + 1}`;
  const words = document.createElement('span');
  words.textContent = `${index + 1} – ${vi} `;
  const english = document.createElement('span');
  english.lang = 'en';
  english.className = 'en';
  english.textContent = en;
  words.append(english);
  label.append(input, words);
  byId('ratings').append(label);
}

function remainingText(view: DossierView): string {
  if (view.remaining) {
    byId('s-remaining').classList.toggle('late', view.remaining.late);
    return `${view.remaining.late ? 'Trễ hẹn: ' : ''}${view.remaining.vi} / ${view.remaining.en}`;
  }
  if (view.status === 'done' || view.status === 'result_returned') return 'Đã giải quyết xong / Settled';
  if (view.status === 'supplement_requested')
    return 'Tạm dừng, chờ bổ sung giấy tờ / Paused until you supply documents';
  return '—';
}

function showFeedback(view: { feedback?: Feedback | undefined; feedbackOpen: boolean }) {
  byId('feedback-section').hidden = !view.feedback && !view.feedbackOpen;
  byId('feedback-form').hidden = !view.feedbackOpen;
  byId('feedback-given').hidden = !view.feedback;
  if (!view.feedback) return;
  const [vi, en] = RATINGS[view.feedback.rating - 1] ?? ['', ''];
  byId('given-rating').textContent = `${view.feedback.rating}/5 – ${vi} / ${en}`;
  byId('given-comment').hidden = !view.feedback.comment;
  byId('given-comment').textContent = view.feedback.comment ?? '';
  byId('given-at').textContent = when(view.feedback.at);
}

function showHistory(view: DossierView) {
  const steps = byId('s-history');
  steps.textContent = '';
  for (const entry of view.history) {
    const item = document.createElement('li');
    const time = document.createElement('time');
    time.dateTime = entry.at;
    time.textContent = when(entry.at);
    const label = document.createElement('span');
    label.textContent = `${entry.label.vi} / ${entry.label.en}`;
    item.append(time, label);
    if (entry.note) {
      const note = document.createElement('span');
      note.className = 'note';
      note.textContent = entry.note;
      item.append(note);
    }
    steps.append(item);
  }
  if (!view.history.length)
    steps.append(
      Object.assign(document.createElement('li'), {
        textContent: 'Chưa có bước xử lý nào. / No steps recorded yet.',
      }),
    );
}

/** The internal process in plain words: the steps done, then the one(s) under way. */
function showProgress(view: DossierView) {
  const section = byId('progress-section');
  const list = byId('s-progress');
  list.textContent = '';
  section.hidden = !view.progress;
  if (!view.progress) return;
  const line = (at: string, text: string, current: boolean) => {
    const item = document.createElement('li');
    const time = document.createElement('time');
    time.dateTime = at;
    time.textContent = when(at);
    const label = document.createElement('span');
    label.textContent = text;
    item.append(time, label);
    if (current) item.setAttribute('aria-current', 'step');
    list.append(item);
  };
  for (const step of view.progress.done)
    line(step.finishedAt, `✓ ${step.label.vi} / ${step.label.en}`, false);
  for (const step of view.progress.current) {
    line(step.since, `${step.label.vi} (${step.unit}) / ${step.label.en}`, true);
  }
}

function show(view: DossierView) {
  byId('s-code').textContent = view.dossierCode;
  byId('s-procedure').textContent = `${view.procedure.name} (${view.procedure.code})`;
  byId('s-status').textContent = view.statusLabel.vi;
  byId('s-status-en').textContent = `/ ${view.statusLabel.en}`;
  byId('s-holder').textContent = view.currentAgency.name;
  byId('s-received').textContent = view.receivedAt
    ? when(view.receivedAt)
    : 'Chờ tiếp nhận / Awaiting reception';
  byId('s-due').textContent = view.dueAtWording;
  byId('s-remaining').textContent = remainingText(view);
  showProgress(view);
  showHistory(view);
  const apology = view.apology;
  byId('apology').hidden = !apology;
  if (apology) {
    byId('apology-text').textContent =
      apology.state === 'approved'
        ? `Hồ sơ không thể giải quyết đúng hẹn; cơ quan đã gửi phiếu xin lỗi và hẹn lại ngày trả kết quả: ${apology.newDueAt ? when(apology.newDueAt) : '—'}. / The dossier cannot be settled by its appointment; the agency apologised and set a new one.`
        : 'Hồ sơ trễ hẹn; văn bản xin lỗi và hẹn lại đang được phê duyệt. / The dossier is late; an apology with a new appointment is being approved.';
    byId('download-apology').hidden = apology.state !== 'approved';
  }
  byId('receipt-link').textContent = '';
  // Form 01 exists once the one-stop desk has received the dossier.
  byId('download-receipt').hidden = view.receipt === undefined;
  byId('apology-link').textContent = '';
  showResultDownload(view);
  showSupplement(view);
  showFeedback(view);
  byId('result').hidden = false;
}

async function lookup() {
  errors.textContent = '';
  byId('feedback-status').textContent = '';
  current = {
    code: byId('code', HTMLInputElement).value.trim(),
    secret: byId('secret', HTMLInputElement).value.trim(),
  };
  const view = await request(dossierPath(), isDossierView);
  show(view);
  history.replaceState(null, '', `?code=${encodeURIComponent(view.dossierCode)}`);
}

async function formLink(form: string, target: HTMLElement, text: string) {
  target.textContent = 'Đang tạo tệp PDF… / Preparing the PDF…';
  try {
    const body = await request(dossierPath(`/forms/${form}`), isLink, {}, PDF_TIMEOUT_MS);
    const link = document.createElement('a');
    link.href = body.url;
    link.id = `form-${form}-link`;
    link.textContent = text;
    target.replaceChildren(link);
    link.focus();
  } catch (body) {
    target.textContent = '';
    showErrors(body);
  }
}

byId('lookup-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = byId('lookup', HTMLButtonElement);
  button.disabled = true;
  try {
    await lookup();
    byId('result').focus();
  } catch (body) {
    byId('result').hidden = true;
    byId('supplement-section').hidden = true;
    byId('feedback-section').hidden = true;
    showErrors(body);
  } finally {
    button.disabled = false;
  }
});

byId('download-receipt').addEventListener('click', () =>
  formLink('01', byId('receipt-link'), 'Mở giấy tiếp nhận (PDF, mẫu 01) / Open the signed receipt (PDF)'),
);
byId('download-apology').addEventListener('click', () =>
  formLink(
    '04',
    byId('apology-link'),
    'Mở phiếu xin lỗi và hẹn lại ngày trả kết quả (PDF, mẫu 04) / Open the apology letter (PDF)',
  ),
);

handleResultDownload({
  fetchLink: () => request(dossierPath('/result'), isResultLink),
  showErrors,
});

handleSupplementForm({
  base,
  submit: (supplement) =>
    request(dossierPath('/supplement'), isSupplementResponse, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(supplement),
    }),
  refresh: lookup,
  showErrors,
});

const comment = byId('comment', HTMLTextAreaElement);
comment.addEventListener('input', () => {
  byId('comment-count').textContent = `${comment.value.length}/1000`;
});

byId('feedback-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  errors.textContent = '';
  const chosen = document.querySelector<HTMLInputElement>('input[name=rating]:checked');
  if (!chosen) {
    showErrors(errorBody('Vui lòng chọn mức độ hài lòng.', 'Please choose a rating.'));
    byId('rating-1').focus();
    return;
  }
  const button = byId('send-feedback', HTMLButtonElement);
  button.disabled = true;
  try {
    const payload: { rating: number; comment?: string } = { rating: Number(chosen.value) };
    if (comment.value.trim()) payload.comment = comment.value;
    const feedback = await request(dossierPath('/feedback'), isFeedback, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    showFeedback({ feedback, feedbackOpen: false });
    const status = byId('feedback-status');
    status.className = 'thanks';
    status.textContent = 'Cảm ơn bạn đã đánh giá! / Thank you for your feedback.';
  } catch (body) {
    showErrors(body);
  } finally {
    button.disabled = false;
  }
});

const code = new URLSearchParams(location.search).get('code');
if (code) {
  byId('code', HTMLInputElement).value = code;
  byId('secret').focus();
}
