/**
 * Vietnamese text arrives in both composed (NFC) and decomposed (NFD) forms depending on the
 * keyboard and operating system; stored and compared text is always NFC so that
 * "Nguyễn" typed on macOS and on Windows is the same string.
 */
export function normalizeText(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * Bidirectional formatting controls (embeddings, overrides, isolates, marks): they change the order
 * in which a name is drawn, so "Nguyễn Văn A" can be displayed as something else on a receipt or a
 * list. No Vietnamese name or agency name needs them.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** Characters drawn as nothing (zero-width space and joiners, word joiner, BOM, fillers…). */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

export function hasBidiControls(value: string): boolean {
  return BIDI_CONTROLS.test(value);
}

/**
 * A person's or an organisation's name as stored: single-line NFC text without the invisible
 * characters a paste may carry. Bidi controls are kept, so that validation can refuse them.
 */
export function normalizeName(value: string): string {
  return normalizeText(
    value.replace(INVISIBLE, (character) => (BIDI_CONTROLS.test(character) ? character : '')),
  );
}

/** A name must show at least one letter: one made of invisible characters, marks or digits is blank. */
export function hasVisibleLetter(value: string): boolean {
  return /\p{L}/u.test(value.replace(INVISIBLE, ''));
}

/** Keeps line breaks (free-text notes) while still normalising to NFC. */
export function normalizeMultilineText(value: string): string {
  return value
    .normalize('NFC')
    .split(/\r?\n/)
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .trim();
}

/** Masks personal data before it reaches a log line: keeps the first and last character only. */
export function maskPersonalData(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length <= 2) return '*'.repeat(value.length);
  return `${value[0]}${'*'.repeat(Math.min(value.length - 2, 8))}${value[value.length - 1]}`;
}

export function maskEmail(email: string | undefined): string | undefined {
  if (email === undefined) return undefined;
  const [local, domain] = email.split('@');
  if (local === undefined || domain === undefined) return maskPersonalData(email);
  return `${maskPersonalData(local)}@${domain}`;
}

/**
 * Masks what looks like an e-mail address or a phone / ID number (9 digits or more) inside free
 * text such as an error message, so it can be logged. Dossier codes (`000.00.00.H56-261201-0001`)
 * have shorter digit runs and stay readable.
 */
export function maskPersonalDataIn(text: string): string {
  return text
    .replace(/[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[A-Za-z]{2,}/g, (email) => maskEmail(email) ?? '')
    .replace(/\+?\d{9,}/g, (digits) => maskPersonalData(digits) ?? '');
}

/** What may be logged of an error: its name and its message with personal data masked. */
export function failureOf(error: unknown): { error: string; reason: string } {
  return error instanceof Error
    ? { error: error.name, reason: maskPersonalDataIn(error.message) }
    : { error: 'unknown', reason: maskPersonalDataIn(String(error)) };
}
