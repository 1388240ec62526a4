import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AnchoringPorts, anchorAudit } from '../../../../shared/app/audit/anchor-audit.ts';
import { type AuditEntry, nextAuditEntry } from '../../../../shared/domain/audit/audit.ts';
import { type Checkpoint, checkpointHash, rootOf } from '../../../../shared/domain/audit/audit-anchor.ts';
import { canonicalJson } from '../../../../shared/domain/intake/receipt.ts';

const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** Audit chains, their pending marks, the write-once checkpoint store and an ECDSA key in memory. */
function memoryPorts(options: { foreignCheckpoint?: boolean } = {}) {
  const chains = new Map<string, AuditEntry[]>();
  const marks = new Map<string, number>();
  /** Marks written under a smaller shard count, in the shard that count gave their chain. */
  const olderMarks = new Map<string, number>();
  const settled: { shard: string; chain: string; anchoredSeq: number }[] = [];
  const checkpoints = new Map<number, Checkpoint>();
  const state = { latest: 0 };
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const log = (level: string) => (message: string, fields: Record<string, unknown>) =>
    lines.push({ level, message, fields });
  let clock = Date.parse('2026-12-01T00:00:00Z');
  const append = (chain: string, action: string) => {
    const entry = nextAuditEntry(chain, chains.get(chain)?.at(-1), {
      kind: 'state_change',
      action,
      actor: 'can-bo',
      at: '2026-12-01T07:00:00+07:00',
      details: {},
    });
    chains.set(chain, [...(chains.get(chain) ?? []), entry]);
    marks.set(chain, entry.seq);
  };
  const ports: AnchoringPorts = {
    chains: { head: async (chain) => chains.get(chain)?.at(-1) },
    pending: {
      touched: async (limit) =>
        [
          ...[...olderMarks.keys()].map((chain) => ({ shard: 'p#07', chain })),
          ...[...marks.keys()].map((chain) => ({ shard: 'p#300', chain })),
        ].slice(0, limit),
      settle: async ({ shard, chain }, anchoredSeq) => {
        settled.push({ shard, chain, anchoredSeq });
        const held = shard === 'p#07' ? olderMarks : marks;
        if ((held.get(chain) ?? 0) <= anchoredSeq) held.delete(chain);
      },
      latestCheckpoint: async () => state.latest,
      recordLatestCheckpoint: async (number) => {
        state.latest = number;
      },
    },
    checkpoints: {
      get: async (number) => checkpoints.get(number),
      create: async (checkpoint) => {
        if (options.foreignCheckpoint || checkpoints.has(checkpoint.header.number)) return false;
        checkpoints.set(checkpoint.header.number, checkpoint);
        return true;
      },
    },
    checkpointKey: (number) => `checkpoints/${number}.json`,
    sign: async (canonical) => ({
      keyId: 'alias/audit-anchor',
      algorithm: 'ECDSA_SHA_256',
      canonicalization: 'RFC8785-JCS',
      value: sign('sha256', Buffer.from(canonical), keys.privateKey).toString('base64'),
    }),
    maxChainsPerCheckpoint: 100,
    log: { info: log('info'), warn: log('warn'), error: log('error') },
    now: () => {
      clock += 60_000;
      return new Date(clock);
    },
  };
  return { ports, chains, marks, olderMarks, settled, checkpoints, state, lines, append };
}

describe('audit anchoring', () => {
  it('with nothing appended since the last run, no checkpoint is made', async () => {
    const memory = memoryPorts();
    expect(await anchorAudit(memory.ports)).toEqual({ checkpoint: null, chains: 0 });
    expect(memory.checkpoints.size).toBe(0);
    expect(memory.lines).toEqual([
      { level: 'info', message: 'audit checkpoint', fields: { checkpoint: null, chains: 0 } },
    ]);
  });

  it('signs a checkpoint over the heads of the appended chains, chained to the one before, and clears the marks', async () => {
    const memory = memoryPorts();
    memory.append('H56-0001', 'submitted');
    memory.append('H56-0001', 'accept');
    memory.append('H56-0002', 'submitted');
    const first = await anchorAudit(memory.ports);
    expect(first).toMatchObject({
      checkpoint: { number: 1, key: 'checkpoints/1.json' },
      chains: 2,
      emptyChains: [],
    });
    const one = memory.checkpoints.get(1);
    expect(one?.leaves.map((leaf) => [leaf.chain, leaf.seq])).toEqual([
      ['H56-0001', 2],
      ['H56-0002', 1],
    ]);
    expect(one?.header).toMatchObject({ previous: null, size: 2, root: rootOf(one?.leaves ?? []) });
    expect(
      verify(
        'sha256',
        Buffer.from(canonicalJson(one?.header)),
        keys.publicKey,
        Buffer.from(one?.signature.value ?? '', 'base64'),
      ),
    ).toBe(true);
    expect(memory.marks.size).toBe(0);
    expect(memory.state.latest).toBe(1);

    memory.append('H56-0002', 'accept');
    const second = await anchorAudit(memory.ports);
    expect(second).toMatchObject({ checkpoint: { number: 2 }, chains: 1 });
    expect(memory.checkpoints.get(2)?.header.previous).toBe(one ? checkpointHash(one.header) : undefined);
  });

  it('a chain marked in an older shard and in its current one is anchored once and both marks are cleared where they are', async () => {
    const memory = memoryPorts();
    memory.append('H56-0001', 'submitted');
    memory.olderMarks.set('H56-0001', 1);
    memory.append('H56-0001', 'accept');
    const result = await anchorAudit(memory.ports);
    expect(result).toMatchObject({ checkpoint: { number: 1 }, chains: 1, emptyChains: [] });
    expect(memory.checkpoints.get(1)?.leaves.map((leaf) => [leaf.chain, leaf.seq])).toEqual([
      ['H56-0001', 2],
    ]);
    expect(memory.settled).toEqual([
      { shard: 'p#07', chain: 'H56-0001', anchoredSeq: 2 },
      { shard: 'p#300', chain: 'H56-0001', anchoredSeq: 2 },
    ]);
    expect(memory.marks.size + memory.olderMarks.size).toBe(0);
  });

  it('a marked chain without entries is reported as an error and not read again', async () => {
    const memory = memoryPorts();
    memory.append('H56-0001', 'submitted');
    memory.marks.set('H56-GONE', 3);
    const result = await anchorAudit(memory.ports);
    expect(result).toMatchObject({ chains: 1, emptyChains: ['H56-GONE'] });
    expect(memory.marks.size).toBe(0);
    expect(memory.lines[0]).toEqual({
      level: 'error',
      message: 'audit chains marked as appended have no entries',
      fields: { chains: ['H56-GONE'] },
    });
  });

  it('a checkpoint another run wrote first stops this run, its marks kept for the next', async () => {
    const memory = memoryPorts({ foreignCheckpoint: true });
    memory.append('H56-0001', 'submitted');
    await expect(anchorAudit(memory.ports)).rejects.toThrow('Checkpoint 1 was written by another run');
    expect([...memory.marks.keys()]).toEqual(['H56-0001']);
    expect(memory.state.latest).toBe(0);
  });
});
