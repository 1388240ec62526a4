/**
 * The characters of the DejaVu Sans subsets the PDF functions bundle (`shared/adapters/fonts/`,
 * written by `npm run fonts:subset`): the Vietnamese alphabet, precomposed and with its combining
 * marks (text typed decomposed), Latin-1, and the punctuation and symbols the documents print. A
 * document whose text has a character outside them (a name in Greek, Cyrillic, Han, Polish, …) is
 * drawn with the whole font instead, so no character prints as a blank.
 */
export const FONT_SUBSET_RANGES: readonly (readonly [number, number])[] = [
  [0x0020, 0x007e], // Basic Latin
  [0x00a0, 0x00ff], // Latin-1 Supplement
  [0x0102, 0x0103], // Ă ă
  [0x0110, 0x0111], // Đ đ
  [0x0128, 0x0129], // Ĩ ĩ
  [0x0168, 0x0169], // Ũ ũ
  [0x01a0, 0x01a1], // Ơ ơ
  [0x01af, 0x01b0], // Ư ư
  [0x0300, 0x0303], // Combining grave, acute, circumflex, tilde
  [0x0306, 0x0306], // Combining breve
  [0x0309, 0x0309], // Combining hook above
  [0x031b, 0x031b], // Combining horn
  [0x0323, 0x0323], // Combining dot below
  [0x1ea0, 0x1ef9], // Vietnamese precomposed (ạ … ỹ)
  [0x2010, 0x2027], // Dashes, quotation marks, bullet, ellipsis
  [0x2030, 0x2030], // ‰
  [0x20ab, 0x20ac], // ₫ €
  [0x2116, 0x2116], // №
  [0x2190, 0x2193], // ← ↑ → ↓
  [0x2212, 0x2212], // −
  [0x2248, 0x2248], // ≈
  [0x2260, 0x2260], // ≠
  [0x2264, 0x2265], // ≤ ≥
  [0x2713, 0x2713], // ✓
];

/** Every code point of the ranges, for the subsetter. */
export function subsetCharacters(): string {
  let text = '';
  for (const [first, last] of FONT_SUBSET_RANGES) {
    for (let point = first; point <= last; point += 1) text += String.fromCodePoint(point);
  }
  return text;
}

const inRanges = (point: number) =>
  FONT_SUBSET_RANGES.some(([first, last]) => point >= first && point <= last);

/**
 * Whether the subset draws every character of `text`. Line breaks and tabs are laid out, not drawn.
 */
export function subsetCovers(text: string): boolean {
  for (const character of text) {
    const point = character.codePointAt(0) ?? 0;
    if (point === 0x0a || point === 0x0d || point === 0x09) continue;
    if (!inRanges(point)) return false;
  }
  return true;
}
