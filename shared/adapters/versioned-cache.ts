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
