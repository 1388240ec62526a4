/**
 * The 32-bit FNV-1a hash of a text's UTF-16 code units: cheap, stable across releases and even in
 * its low bits for codes that differ only in their last digits, which is what the shards need.
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
