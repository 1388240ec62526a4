import type { DossierView, SupplementRequest, SupplementResponse } from '../../shared/contracts/dossiers.ts';
import { errorBody, type FieldError, isErrorBody } from './api.ts';
import { byId } from './dom.ts';
import { problemOf, uploadFile } from './uploads.ts';

const MAX_FILES = 20;
const FILES_LABEL = 'Tệp giấy tờ bổ sung / Files to supply';

const when = (iso: string) =>
  new Date(iso).toLocaleString('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'medium',
    timeStyle: 'short',
  });

/** Shows what the officer asked for while the dossier waits for the citizen's documents. */
export function showSupplement(view: DossierView): void {
  const { supplement } = view;
  const open = view.status === 'supplement_requested' && supplement !== undefined;
  byId('supplement-section').hidden = !open;
  if (!open) return;
  byId('supplement-reason').textContent = supplement.reason;
  byId('supplement-requested').textContent = when(supplement.requestedAt);
  const documents = byId('supplement-documents');
  documents.replaceChildren(
    ...supplement.documents.map((name) => Object.assign(document.createElement('li'), { textContent: name })),
  );
  const supplied = byId('supplement-supplied');
  supplied.hidden = !supplement.suppliedAt;
  supplied.textContent = supplement.suppliedAt
    ? `Bạn đã gửi giấy tờ bổ sung lúc ${when(supplement.suppliedAt)}; cơ quan đang kiểm tra. Có thể gửi thêm nếu còn thiếu. / You supplied documents; the agency is checking them. You may send more if something is still missing.`
    : '';
}

export interface SupplementDeps {
  /** The API's base path, where POST /attachments is. */
  base: string;
  /** POST /dossiers/{code}/supplement with the lookup secret; rejects with the error body. */
  submit(request: SupplementRequest): Promise<SupplementResponse>;
  /** Reads the dossier again and shows it. */
  refresh(): Promise<void>;
  showErrors(body: unknown): void;
}

/** The upload form: checks the chosen files, uploads each, sends the supplement, then shows the dossier again. */
export function handleSupplementForm(deps: SupplementDeps): void {
  const input = byId('supplement-files', HTMLInputElement);
  const note = byId('supplement-note', HTMLTextAreaElement);
  const list = byId('supplement-file-list');
  const status = byId('supplement-status');
  const button = byId('send-supplement', HTMLButtonElement);

  const refuse = (vi: string, en: string, fields: FieldError[] = []) => {
    input.setAttribute('aria-invalid', 'true');
    deps.showErrors(errorBody(vi, en, fields));
  };

  byId('supplement-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    input.removeAttribute('aria-invalid');
    const files = Array.from(input.files ?? []);
    if (files.length === 0)
      return refuse('Vui lòng chọn ít nhất một tệp.', 'Choose at least one file.', [
        { field: FILES_LABEL, message: { vi: 'Chưa chọn tệp.', en: 'No file chosen.' } },
      ]);
    if (files.length > MAX_FILES)
      return refuse(`Gửi tối đa ${MAX_FILES} tệp một lần.`, `Send ${MAX_FILES} files at most at once.`);
    const refused = files.flatMap((file) => {
      const problem = problemOf(file);
      return problem ? [{ field: file.name, message: { vi: problem[0], en: problem[1] } }] : [];
    });
    if (refused.length > 0) return refuse('Có tệp không được nhận.', 'Some files were refused.', refused);

    const states = files.map((file) => {
      const item = document.createElement('li');
      item.textContent = `${file.name}: `;
      const state = document.createElement('span');
      item.append(state);
      return { item, state };
    });
    list.replaceChildren(...states.map(({ item }) => item));
    const mark = (index: number, kind: string, text: string) => {
      const entry = states[index];
      if (!entry) return;
      entry.state.className = kind;
      entry.state.textContent = text;
    };
    button.disabled = true;
    try {
      const attachments: SupplementRequest['attachments'] = [];
      for (const [index, file] of files.entries()) {
        status.textContent = `Đang tải tệp ${index + 1}/${files.length}… / Uploading file ${index + 1} of ${files.length}…`;
        mark(index, 'uploading', 'Đang tải lên… / Uploading…');
        try {
          attachments.push({ key: await uploadFile(deps.base, file), fileName: file.name });
        } catch (failure) {
          mark(index, 'failed', 'Tải lên thất bại / Upload failed');
          throw failure;
        }
        mark(index, 'done', 'Đã tải lên / Uploaded');
      }
      status.textContent = 'Đang gửi hồ sơ bổ sung… / Sending the documents…';
      const answer = await deps.submit({
        attachments,
        ...(note.value.trim() ? { note: note.value } : {}),
      });
      input.value = '';
      note.value = '';
      list.replaceChildren();
      status.className = 'thanks';
      status.textContent = `Đã gửi ${answer.attachments.length} tệp bổ sung lúc ${when(answer.suppliedAt)}; thư xác nhận sẽ được gửi nếu bạn đã đăng ký thư điện tử. / ${answer.attachments.length} file(s) supplied; a confirmation is mailed if you gave an e-mail address.`;
      // The supplement is stored: a failed refresh is shown, not taken for a failed supplement.
      await deps.refresh().catch(deps.showErrors);
    } catch (failure) {
      status.className = '';
      status.textContent = '';
      for (const field of isErrorBody(failure) ? (failure.error.fields ?? []) : []) {
        const index = /^attachments\.(\d+)/.exec(field.field)?.[1];
        const file = index === undefined ? undefined : files[Number(index)];
        if (file) {
          mark(Number(index), 'failed', `${field.message.vi} / ${field.message.en}`);
          field.field = file.name;
        }
      }
      deps.showErrors(failure);
    } finally {
      button.disabled = false;
    }
  });
}
