/**
 * Keeps what was read for one version of published data (a catalog version, a registry version):
 * the same version is served from memory, another version is read anew and replaces it. Readers
 * asking for one version at once share a single read; a failed read is not kept.
 */
export function versionedCache<T>(read: (version: number) => Promise<T>): (version: number) => Promise<T> {
  let held: { version: number; value: Promise<T> } | undefined;
  return (version) => {
    if (held?.version === version) return held.value;
    const value = read(version);
    const kept = { version, value };
    held = kept;
    value.catch(() => {
      if (held === kept) held = undefined;
    });
    return value;
  };
}

/**
 * Keeps what was read under keys whose content never changes once published (an item of catalog
 * version 3 stays what it is; a newer catalog is another version), absent items included. Holds at
 * most `limit` keys and starts afresh past it, so keys chosen by callers cannot grow it without end.
 */
export function immutableCache<K, T>(
  read: (key: K) => Promise<T>,
  name: (key: K) => string,
  limit = 5_000,
): (key: K) => Promise<T> {
  const held = new Map<string, Promise<T>>();
  return (key) => {
    const id = name(key);
    const known = held.get(id);
    if (known) return known;
    if (held.size >= limit) held.clear();
    const value = read(key);
    held.set(id, value);
    value.catch(() => {
      if (held.get(id) === value) held.delete(id);
    });
    return value;
  };
}
