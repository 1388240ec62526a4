import {
  isDelegation,
  isDossierView,
  isLink,
  isSessionKeyStatement,
  isSigningKeys,
  isVerdict,
  type SigningKey,
} from './answers.ts';
import { fetchWithin, isErrorBody, PDF_TIMEOUT_MS, UNREACHABLE } from './api.ts';
import { basePath, byId, fieldValue } from './dom.ts';

const base = basePath('verify');
const params = new URLSearchParams(location.search);
const code = params.get('code');
if (code) byId('code', HTMLInputElement).value = code;
// A result's download links here with its key, signature and statement filled in: public values, no secret.
for (const [param, id] of [
  ['key', 'pdf-key'],
  ['signature', 'pdf-signature'],
  ['delegation', 'pdf-delegation'],
] as const) {
  const given = params.get(param);
  if (!given) continue;
  const field = byId(id);
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.value = given;
}
const value = (id: string) => fieldValue(id).trim();

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

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const RSA_PSS = { name: 'RSA-PSS', hash: 'SHA-256', saltLength: 32 } as const;

/** The published key in WebCrypto: ECDSA P-256, or RSA-PSS for units that sign with RSA. */
function importPublished(jwk: SigningKey) {
  const material =
    jwk.kty === 'RSA'
      ? { kty: 'RSA', n: jwk.n, e: jwk.e }
      : { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  return crypto.subtle.importKey('jwk', material, jwk.kty === 'RSA' ? RSA_PSS : ECDSA, false, ['verify']);
}

/** A session key's SPKI PEM, as its statement gives it (ECDSA P-256, as the platform makes them). */
function importSessionKey(pem: string) {
  const base64 = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  return crypto.subtle.importKey('spki', bytesOfBase64(base64), ECDSA, false, ['verify']);
}

const bytesOfBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** ECDSA signatures come DER-encoded (as KMS and OpenSSL make them); RSA-PSS ones are used as they are. */
function verifyWith(key: CryptoKey, signatureBase64: string, data: BufferSource) {
  const signature = bytesOfBase64(signatureBase64);
  return key.algorithm.name === 'RSA-PSS'
    ? crypto.subtle.verify(RSA_PSS, key, signature, data)
    : crypto.subtle.verify(ECDSA, key, derToRaw(signature), data);
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * Which key signed the file: the published one, or the session key its statement names once the
 * published key's signature over the statement holds. Answers why not when it does not.
 */
async function signingKeyOf(published: CryptoKey): Promise<{ key: CryptoKey; details: string } | string> {
  const given = value('pdf-delegation');
  if (!given) return { key: published, details: '' };
  let delegation: unknown;
  try {
    delegation = JSON.parse(given);
  } catch {
    return 'Giấy chứng nhận khóa phiên không đọc được (JSON) / The session key statement could not be read (JSON)';
  }
  if (!isDelegation(delegation))
    return 'Giấy chứng nhận khóa phiên thiếu canonical hoặc value / The session key statement lacks canonical or value';
  if (!(await verifyWith(published, delegation.value, utf8(delegation.canonical))))
    return 'Giấy chứng nhận khóa phiên không do khóa này ký / The session key statement was not signed by this key';
  let statement: unknown;
  try {
    statement = JSON.parse(delegation.canonical);
  } catch {
    statement = undefined;
  }
  if (!isSessionKeyStatement(statement))
    return 'Giấy chứng nhận khóa phiên không đúng định dạng / The session key statement is not in the expected form';
  return {
    key: await importSessionKey(statement.publicKeyPem),
    details: ` · khóa phiên / session key ${statement.notBefore} – ${statement.notAfter}`,
  };
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
    const signer = await signingKeyOf(await importPublished(jwk));
    if (typeof signer === 'string') return show('pdf-verdict', false, signer);
    const valid = await verifyWith(signer.key, value('pdf-signature'), await file.arrayBuffer());
    show('pdf-verdict', valid, `${jwk.kid} (${jwk.status})${signer.details}`);
  }),
);
