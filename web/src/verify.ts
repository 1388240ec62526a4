import { isDossierView, isLink, isSigningKeys, isVerdict } from './answers.ts';
import { fetchWithin, isErrorBody, PDF_TIMEOUT_MS, UNREACHABLE } from './api.ts';
import { basePath, byId } from './dom.ts';

const base = basePath('verify');
const params = new URLSearchParams(location.search);
const code = params.get('code');
if (code) byId('code', HTMLInputElement).value = code;
// A result's download links here with its key and signature filled in: public values, no secret.
for (const [param, id] of [
  ['key', 'pdf-key'],
  ['signature', 'pdf-signature'],
] as const) {
  const given = params.get(param);
  if (given) byId(id, HTMLInputElement).value = given;
}
const value = (id: string) => byId(id, HTMLInputElement).value.trim();

function show(id: string, valid: boolean, details?: string | number) {
  const box = byId(id);
  box.className = `verdict ${valid ? 'valid' : 'invalid'}`;
  box.textContent =
    (valid ? 'Chữ ký hợp lệ / Signature valid' : 'Chữ ký KHÔNG hợp lệ / Signature NOT valid') +
    (details ? ` — ${details}` : '');
}

/** A check that could not be made says so, rather than calling the signature invalid or saying nothing. */
function unavailable(id: string, failure: unknown) {
  const { message } = (isErrorBody(failure) ? failure : UNREACHABLE).error;
  const box = byId(id);
  box.className = 'verdict invalid';
  box.textContent = `Chưa kiểm tra được: ${message.vi} / Could not check: ${message.en}`;
}

const checking = (id: string, check: () => Promise<void>) => async () => {
  byId(id).textContent = '';
  try {
    await check();
  } catch (failure) {
    unavailable(id, failure);
  }
};

async function verifyOnServer(id: string, payload: { document: unknown; signature: unknown }) {
  const response = await fetchWithin(`${base}verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const body: unknown = await response.json();
  if (!response.ok)
    return show(
      id,
      false,
      isErrorBody(body) ? `${body.error.message.vi} / ${body.error.message.en}` : response.status,
    );
  if (!isVerdict(body)) throw body;
  const verdict = body;
  const key = verdict.key
    ? ` (${verdict.key.status === 'active' ? 'khóa đang dùng / active key' : 'khóa đã thay / retired key'})`
    : '';
  show(
    id,
    verdict.valid,
    `${verdict.algorithm} · ${verdict.keyId}${key}${verdict.reason ? ` · ${verdict.reason.vi} / ${verdict.reason.en}` : ''}`,
  );
}

byId('check-dossier').addEventListener(
  'click',
  checking('dossier-verdict', async () => {
    const dossier = value('code');
    const headers = { 'x-lookup-secret': value('secret') };
    const response = await fetchWithin(`${base}dossiers/${encodeURIComponent(dossier)}`, { headers });
    const body: unknown = await response.json();
    if (!response.ok) {
      if (!isErrorBody(body)) throw body;
      const { message } = body.error;
      return show('dossier-verdict', false, `${message.vi} / ${message.en}`);
    }
    if (!isDossierView(body)) throw body;
    const { receipt } = body;
    if (!receipt) {
      return show(
        'dossier-verdict',
        false,
        'Hồ sơ đang chờ tiếp nhận: chưa có giấy tiếp nhận đã ký. / The dossier awaits reception: there is no signed receipt yet.',
      );
    }
    await verifyOnServer('dossier-verdict', { document: receipt.canonical, signature: receipt.signature });
    const form = await fetchWithin(
      `${base}dossiers/${encodeURIComponent(dossier)}/forms/01`,
      { headers },
      PDF_TIMEOUT_MS,
    );
    const answer: unknown = form.ok ? await form.json() : undefined;
    if (isLink(answer)) {
      const link = document.createElement('a');
      link.href = answer.url;
      link.textContent = 'Tải giấy tiếp nhận đã ký (PDF, mẫu 01) / Download the signed receipt (PDF)';
      byId('receipt-download').replaceChildren(link);
    }
  }),
);

byId('check-document').addEventListener(
  'click',
  checking('document-verdict', async () => {
    let signed: { canonical?: unknown; document?: unknown; signature?: unknown };
    try {
      signed = JSON.parse(byId('signed', HTMLTextAreaElement).value);
    } catch {
      return show('document-verdict', false, 'JSON không đọc được / The JSON could not be read');
    }
    await verifyOnServer('document-verdict', {
      document: signed.canonical ?? signed.document,
      signature: signed.signature,
    });
  }),
);

/** KMS returns DER-encoded ECDSA signatures; WebCrypto wants r and s as two 32-byte numbers. */
function derToRaw(der: Uint8Array): Uint8Array<ArrayBuffer> {
  const integers: Uint8Array[] = [];
  let offset = 2;
  for (let i = 0; i < 2; i += 1) {
    const length = der[offset + 1] ?? 0;
    let value = der.slice(offset + 2, offset + 2 + length);
    while (value.length > 32 && value[0] === 0) value = value.slice(1);
    const padded = new Uint8Array(32);
    padded.set(value, 32 - value.length);
    integers.push(padded);
    offset += 2 + length;
  }
  const raw = new Uint8Array(64);
  raw.set(integers[0] ?? [], 0);
  raw.set(integers[1] ?? [], 32);
  return raw;
}

byId('check-pdf').addEventListener(
  'click',
  checking('pdf-verdict', async () => {
    const file = byId('pdf', HTMLInputElement).files?.[0];
    if (!file) return show('pdf-verdict', false, 'Chưa chọn tệp / No file chosen');
    const keys: unknown = await (await fetchWithin(`${base}signing-keys`)).json();
    if (!isSigningKeys(keys)) throw keys;
    const jwk = keys.keys.find((key) => key.kid === value('pdf-key'));
    if (!jwk) return show('pdf-verdict', false, 'Khóa không thuộc hệ thống / Unknown key');
    const publicKey = await crypto.subtle.importKey(
      'jwk',
      { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const der = Uint8Array.from(atob(value('pdf-signature')), (c) => c.charCodeAt(0));
    const valid = await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      publicKey,
      derToRaw(der),
      await file.arrayBuffer(),
    );
    show('pdf-verdict', valid, `${jwk.kid} (${jwk.status})`);
  }),
);
