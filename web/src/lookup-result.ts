import type { DossierView } from '../../shared/contracts/dossiers.ts';
import type { ResultLink } from '../../shared/contracts/files.ts';
import { resultReleased } from '../../shared/domain/intake/dossier-files.ts';
import { isObject } from './answers.ts';
import { byId } from './dom.ts';

export const isResultLink = (value: unknown): value is ResultLink =>
  isObject(value) &&
  typeof value.url === 'string' &&
  typeof value.fileName === 'string' &&
  typeof value.signed === 'boolean' &&
  typeof value.verifyUrl === 'string';

/** "Tải kết quả" is offered once the dossier is settled; the server says if the result is on paper. */
export function showResultDownload(view: Pick<DossierView, 'status'>) {
  byId('result-download').hidden = !resultReleased(view.status);
  byId('result-file').textContent = '';
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text: string, lang?: string) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (lang) node.lang = lang;
  return node;
}

function bilingual<K extends keyof HTMLElementTagNameMap>(tag: K, vi: string, en: string) {
  const node = element(tag, `${vi} `);
  const english = element('span', en, 'en');
  english.className = 'en';
  node.append(english);
  return node;
}

/** The link to the file, how long it works, the signature and where it is checked. */
function resultParts(link: ResultLink): HTMLElement[] {
  const save = element('a', `Lưu tệp kết quả: ${link.fileName} / Save the result file`);
  save.id = 'result-link';
  save.href = link.url;
  save.download = link.fileName;
  const expiry = element(
    'p',
    'Đường dẫn có hiệu lực 5 phút; khi hết hạn, bấm “Tải kết quả” lại. / The link works for 5 minutes; press the button again after that.',
  );
  expiry.className = 'hint';
  const facts = document.createElement('dl');
  facts.id = 'result-signature';
  const signature = link.signed
    ? `Đã ký số / Digitally signed${link.signature ? ` (${link.signature.algorithm})` : ''}`
    : 'Kết quả không ký số / The result is not digitally signed';
  facts.append(bilingual('dt', 'Chữ ký số', 'Digital signature'), element('dd', signature));
  if (link.sha256)
    facts.append(bilingual('dt', 'Mã băm SHA-256', 'SHA-256 digest'), element('dd', link.sha256));
  if (link.signature)
    facts.append(bilingual('dt', 'Giá trị chữ ký', 'Signature value'), element('dd', link.signature.value));
  const verify = element('a', 'Kiểm tra chữ ký số tại trang xác minh / Verify the signature');
  verify.href = link.verifyUrl;
  const verifyLine = document.createElement('p');
  verifyLine.append(verify);
  const saveLine = document.createElement('p');
  saveLine.append(save);
  return [saveLine, expiry, facts, verifyLine];
}

/** The button asks for a fresh link (the secret in a header), then offers it and moves focus to it. */
export function handleResultDownload(options: {
  fetchLink: () => Promise<ResultLink>;
  showErrors: (body: unknown) => void;
}) {
  const button = byId('download-result', HTMLButtonElement);
  button.addEventListener('click', async () => {
    const target = byId('result-file');
    button.disabled = true;
    target.textContent = 'Đang chuẩn bị tệp kết quả… / Preparing the result file…';
    try {
      target.replaceChildren(...resultParts(await options.fetchLink()));
      byId('result-link').focus();
    } catch (body) {
      target.textContent = '';
      options.showErrors(body);
    } finally {
      button.disabled = false;
    }
  });
}
