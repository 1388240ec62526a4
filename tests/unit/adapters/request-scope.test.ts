import { describe, expect, it } from 'vitest';
import { beginRequest, oncePerRequest } from '../../../shared/adapters/request-scope.ts';

/** A pointer read that counts its reads and answers the version it is set to. */
function pointer() {
  const state = { version: 1, reads: 0 };
  const read = async () => {
    state.reads += 1;
    return state.version;
  };
  return { state, read };
}

describe('a value read once per request', () => {
  it('is read once within a request and again when the next begins', async () => {
    const { state, read } = pointer();
    const versions = oncePerRequest(read, 60_000, () => 0);
    beginRequest();
    expect(await Promise.all([versions(), versions(), versions()])).toEqual([1, 1, 1]);
    state.version = 2;
    expect(await versions()).toBe(1);
    expect(state.reads).toBe(1);
    beginRequest();
    expect(await versions()).toBe(2);
    expect(state.reads).toBe(2);
  });

  it('is read again after its age outside requests (consumers and scripts)', async () => {
    const { state, read } = pointer();
    let clock = 0;
    const versions = oncePerRequest(read, 1_000, () => clock);
    await versions();
    state.version = 2;
    clock = 999;
    expect(await versions()).toBe(1);
    clock = 1_000;
    expect(await versions()).toBe(2);
  });

  it('is read again at once by the writer that forgets it', async () => {
    const { state, read } = pointer();
    const versions = oncePerRequest(read, 60_000, () => 0);
    await versions();
    state.version = 2;
    versions.forget();
    expect(await versions()).toBe(2);
  });

  it('does not keep a failed read', async () => {
    let failing = true;
    const versions = oncePerRequest(
      async () => {
        if (failing) throw new Error('table unavailable');
        return 1;
      },
      60_000,
      () => 0,
    );
    await expect(versions()).rejects.toThrow('table unavailable');
    failing = false;
    expect(await versions()).toBe(1);
  });
});
