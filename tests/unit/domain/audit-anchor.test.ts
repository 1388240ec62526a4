import { generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AuditEntry, nextAuditEntry, verifyAuditChain } from '../../../shared/domain/audit/audit.ts';
import {
  type AnchoredHead,
  type ChainHead,
  type Checkpoint,
  type CheckpointHeader,
  checkpointHash,
  leafHash,
  merkleProof,
  merkleRoot,
  nextCheckpoint,
  PENDING_SHARDS,
  pendingShardName,
  pendingShardOf,
  rootOf,
  verifyAnchoredChain,
  verifyCheckpoints,
  verifyMerkleProof,
} from '../../../shared/domain/audit/audit-anchor.ts';
import { canonicalJson } from '../../../shared/domain/intake/receipt.ts';
import { verifyWithPublicKey } from '../../../shared/domain/signing/signature.ts';

const fields = (i: number) => ({
  kind: 'personal_data_view' as const,
  action: `view-${i}`,
  actor: 'citizen',
  at: `2026-12-01T0${i % 10}:00:00+07:00`,
  details: { i },
});

function chainOf(chain: string, length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < length; i += 1) entries.push(nextAuditEntry(chain, entries.at(-1), fields(i)));
  return entries;
}

/** Rewrites entry `seq` and recomputes every later hash, as someone with write access could. */
function rewriteAndRehash(entries: readonly AuditEntry[], seq: number): AuditEntry[] {
  const rewritten: AuditEntry[] = [];
  for (const entry of entries) {
    const { chain, seq: _seq, prevHash: _p, hash: _h, ...rest } = entry;
    const content = entry.seq === seq ? { ...rest, actor: 'someone-else' } : rest;
    rewritten.push(entry.seq < seq ? entry : nextAuditEntry(chain, rewritten.at(-1), content));
  }
  return rewritten;
}

const headOf = (entries: readonly AuditEntry[]): ChainHead => {
  const last = entries.at(-1);
  if (!last) throw new Error('empty chain');
  return { chain: last.chain, seq: last.seq, hash: last.hash };
};

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
function signed(built: { header: CheckpointHeader; leaves: ChainHead[] }): Checkpoint {
  const value = sign('sha256', Buffer.from(canonicalJson(built.header)), {
    key: privateKey,
    dsaEncoding: 'der',
  });
  return {
    ...built,
    signature: {
      keyId: 'test-key',
      algorithm: 'ECDSA_SHA_256',
      canonicalization: 'RFC8785-JCS',
      value: value.toString('base64'),
    },
  };
}
const checked = (checkpoint: Checkpoint) => ({
  checkpoint,
  signatureValid: verifyWithPublicKey(publicKeyPem, canonicalJson(checkpoint.header), checkpoint.signature),
});

/** Checkpoints 1…n over the given batches of heads, each chained to the one before. */
function checkpointsOver(batches: readonly ChainHead[][]): Checkpoint[] {
  const checkpoints: Checkpoint[] = [];
  for (const [index, heads] of batches.entries()) {
    const built = nextCheckpoint(checkpoints.at(-1)?.header, heads, new Date(Date.UTC(2026, 11, 1, index)));
    checkpoints.push(signed(built));
  }
  return checkpoints;
}

const anchorsOf = (checkpoints: readonly Checkpoint[], chain: string): AnchoredHead[] =>
  verifyCheckpoints(checkpoints.map(checked)).anchors.get(chain) ?? [];

const headsArbitrary = fc.uniqueArray(
  fc.record({
    chain: fc.string({ minLength: 1, maxLength: 12 }),
    seq: fc.integer({ min: 1, max: 1000 }),
    hash: fc.stringMatching(/^[0-9a-f]{64}$/),
  }),
  { minLength: 1, maxLength: 40, selector: (head) => head.chain },
);

describe('Merkle tree over chain heads (RFC 6962 hashing)', () => {
  it('changes the root when any single leaf is altered', () => {
    fc.assert(
      fc.property(headsArbitrary, fc.nat(), fc.constantFrom('seq', 'hash', 'chain'), (heads, pick, field) => {
        const index = pick % heads.length;
        const original = heads[index] as ChainHead;
        const altered: ChainHead =
          field === 'seq'
            ? { ...original, seq: original.seq + 1 }
            : field === 'hash'
              ? { ...original, hash: original.hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) }
              : { ...original, chain: `${original.chain}x` };
        const changed = heads.map((head, i) => (i === index ? altered : head));
        expect(merkleRoot(changed.map(leafHash)).equals(merkleRoot(heads.map(leafHash)))).toBe(false);
      }),
    );
  });

  it('changes the root when a leaf is removed', () => {
    fc.assert(
      fc.property(headsArbitrary, fc.nat(), (heads, pick) => {
        const without = heads.filter((_, i) => i !== pick % heads.length);
        expect(rootOf(without)).not.toBe(rootOf(heads));
      }),
    );
  });

  it('proves every leaf of a tree of any size, and no proof passes for another leaf or position', () => {
    fc.assert(
      fc.property(headsArbitrary, fc.nat(), (heads, pick) => {
        const leaves = heads.map(leafHash);
        const root = merkleRoot(leaves);
        const index = pick % leaves.length;
        const proof = merkleProof(leaves, index);
        expect(verifyMerkleProof(leaves[index] as Buffer, index, leaves.length, proof, root)).toBe(true);
        if (leaves.length > 1) {
          const other = (index + 1) % leaves.length;
          expect(verifyMerkleProof(leaves[other] as Buffer, index, leaves.length, proof, root)).toBe(false);
          expect(verifyMerkleProof(leaves[index] as Buffer, other, leaves.length, proof, root)).toBe(false);
        }
      }),
    );
  });

  it('separates leaves from inner nodes, so two leaves cannot pass for their parent', () => {
    const [a, b] = [
      leafHash({ chain: 'A', seq: 1, hash: '0'.repeat(64) }),
      leafHash({ chain: 'B', seq: 1, hash: '1'.repeat(64) }),
    ];
    const root = merkleRoot([a, b]);
    expect(merkleRoot([root])).toEqual(root);
    expect(verifyMerkleProof(root, 0, 1, [], merkleRoot([a, b, a]))).toBe(false);
  });
});

describe('checkpoints', () => {
  it('chain to the previous header and bind the sorted leaves by their root', () => {
    const [first, second] = checkpointsOver([
      [
        { chain: 'B', seq: 2, hash: 'b'.repeat(64) },
        { chain: 'A', seq: 1, hash: 'a'.repeat(64) },
      ],
      [{ chain: 'A', seq: 3, hash: 'c'.repeat(64) }],
    ]);
    expect(first?.header).toMatchObject({ number: 1, previous: null, size: 2 });
    expect(first?.leaves.map((leaf) => leaf.chain)).toEqual(['A', 'B']);
    expect(second?.header.previous).toBe(checkpointHash(first?.header as CheckpointHeader));
    const verdict = verifyCheckpoints([second, first].map((c) => checked(c as Checkpoint)));
    expect(verdict.problems).toEqual([]);
    expect(verdict.anchors.get('A')?.map((a) => [a.seq, a.checkpoint.number])).toEqual([
      [1, 1],
      [3, 2],
    ]);
    expect(verdict.latest).toEqual({ number: 2, createdAt: second?.header.createdAt });
  });

  it('reports a bad signature, a missing checkpoint, a broken link, a fork and an altered manifest', () => {
    const heads = (seq: number) => [{ chain: 'A', seq, hash: 'a'.repeat(64) }];
    const [c1, c2, c3, c4] = checkpointsOver([heads(1), heads(2), heads(3), heads(4)]) as [
      Checkpoint,
      Checkpoint,
      Checkpoint,
      Checkpoint,
    ];
    const forged = { ...c2, signature: { ...c2.signature, value: c1.signature.value } };
    expect(verifyCheckpoints([c1, forged, c3].map(checked)).problems).toEqual([
      {
        checkpoint: { number: 2, createdAt: c2.header.createdAt },
        reason: expect.stringContaining('signature'),
      },
    ]);
    expect(verifyCheckpoints([c1, c3, c4].map(checked)).problems).toEqual([
      { checkpoint: expect.objectContaining({ number: 3 }), reason: 'checkpoints 2–2 are missing' },
    ]);
    const relinked = signed({
      header: { ...c3.header, previous: checkpointHash(c1.header) },
      leaves: c3.leaves,
    });
    expect(verifyCheckpoints([c1, c2, relinked].map(checked)).problems).toEqual([
      { checkpoint: expect.objectContaining({ number: 3 }), reason: expect.stringContaining('checkpoint 2') },
    ]);
    const twin = signed(nextCheckpoint(c1.header, heads(9), new Date(Date.UTC(2026, 11, 2))));
    expect(verifyCheckpoints([c1, c2, twin].map(checked)).problems).toEqual([
      { checkpoint: expect.objectContaining({ number: 2 }), reason: expect.stringContaining('fork') },
    ]);
    const edited = { ...c2, leaves: [{ chain: 'A', seq: 2, hash: 'f'.repeat(64) }] };
    expect(verifyCheckpoints([c1, edited].map(checked)).problems).toEqual([
      { checkpoint: expect.objectContaining({ number: 2 }), reason: expect.stringContaining('Merkle root') },
    ]);
  });
});

describe('a chain against its anchors', () => {
  const entries = chainOf('D-1', 5);
  const anchored = checkpointsOver([[headOf(entries.slice(0, 3))], [headOf(entries)]]);
  const anchors = anchorsOf(anchored, 'D-1');

  it('passes when the chain holds what was anchored, and names the checkpoint of its latest head', () => {
    expect(verifyAnchoredChain('D-1', entries, anchors)).toEqual({
      chain: 'D-1',
      intact: true,
      length: 5,
      anchoredSeq: 5,
      anchoredBy: { number: 2, createdAt: anchored[1]?.header.createdAt },
    });
  });

  it('catches a rewrite with recomputed hashes, which the hash chain alone accepts', () => {
    for (const seq of [1, 3, 5]) {
      const rewritten = rewriteAndRehash(entries, seq);
      expect(verifyAuditChain('D-1', rewritten).intact).toBe(true);
      const verdict = verifyAnchoredChain('D-1', rewritten, anchors);
      expect(verdict).toMatchObject({
        intact: false,
        findings: expect.arrayContaining([
          expect.objectContaining({ rule: 'rewritten', checkpoint: expect.objectContaining({ number: 2 }) }),
        ]),
      });
    }
  });

  it('catches a rewrite anchored only by an earlier checkpoint, after which the chain grew', () => {
    const grown = [...rewriteAndRehash(entries, 2)];
    grown.push(nextAuditEntry('D-1', grown.at(-1), fields(6)));
    const forgedLater = [...anchors, { ...headOf(grown), checkpoint: { number: 3, createdAt: 'later' } }];
    expect(verifyAnchoredChain('D-1', grown, forgedLater)).toMatchObject({
      intact: false,
      findings: expect.arrayContaining([
        expect.objectContaining({ rule: 'rewritten', checkpoint: expect.objectContaining({ number: 1 }) }),
      ]),
    });
  });

  it('reports any deletion: of the last entries, of any entry, of the whole chain', () => {
    fc.assert(
      fc.property(fc.subarray([1, 2, 3, 4, 5], { minLength: 1 }), (removed) => {
        const left = entries.filter((entry) => !removed.includes(entry.seq));
        const verdict = verifyAnchoredChain('D-1', left, anchors);
        expect(verdict.intact).toBe(false);
        if (verdict.intact) return;
        const rules = verdict.findings.map((finding) => finding.rule);
        if (left.length === 0) expect(rules).toEqual(['deleted']);
        else if (removed.includes(5)) expect(rules).toContain('truncated');
        else expect(rules).toContain('broken_link');
      }),
    );
    const truncated = entries.slice(0, 3);
    expect(verifyAuditChain('D-1', truncated).intact).toBe(true);
    expect(verifyAnchoredChain('D-1', truncated, anchors)).toEqual({
      chain: 'D-1',
      intact: false,
      findings: [
        {
          rule: 'truncated',
          reason: `chain ends at entry 3 but checkpoint 2 (${anchored[1]?.header.createdAt}) anchored entry 5`,
          checkpoint: { number: 2, createdAt: anchored[1]?.header.createdAt },
        },
      ],
    });
    expect(verifyAnchoredChain('D-1', [], anchors)).toMatchObject({
      intact: false,
      findings: [{ rule: 'deleted', checkpoint: { number: 2 } }],
    });
  });

  it('checks the links of entries appended after the anchored head', () => {
    const grown = [...entries, nextAuditEntry('D-1', entries.at(-1), fields(6))];
    expect(verifyAnchoredChain('D-1', grown, anchors)).toMatchObject({
      intact: true,
      length: 6,
      anchoredSeq: 5,
    });
    const altered = grown.map((entry) => (entry.seq === 6 ? { ...entry, actor: 'someone-else' } : entry));
    expect(verifyAnchoredChain('D-1', altered, anchors)).toMatchObject({
      intact: false,
      findings: [{ rule: 'broken_link', reason: expect.stringContaining('entry 6') }],
    });
  });

  it('reports a later checkpoint that anchored a shorter chain (cut, then anchored again)', () => {
    const regressed = [
      ...anchors,
      { ...headOf(entries.slice(0, 2)), checkpoint: { number: 3, createdAt: 'later' } },
    ];
    expect(verifyAnchoredChain('D-1', entries.slice(0, 2), regressed)).toMatchObject({
      intact: false,
      findings: expect.arrayContaining([
        expect.objectContaining({ rule: 'anchor_regressed' }),
        expect.objectContaining({ rule: 'truncated' }),
      ]),
    });
  });

  it('accepts a chain no checkpoint covers yet when its links hold', () => {
    expect(verifyAnchoredChain('D-2', chainOf('D-2', 2))).toEqual({
      chain: 'D-2',
      intact: true,
      length: 2,
      anchoredSeq: undefined,
    });
  });
});

describe('pending shards', () => {
  it('spread chains over a fixed set of partitions', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (chain) => {
        const shard = pendingShardOf(chain);
        expect(shard).toMatch(/^p#\d{2,3}$/);
        expect(Number(shard.slice(2))).toBeLessThan(PENDING_SHARDS);
        expect(pendingShardOf(chain)).toBe(shard);
      }),
    );
  });

  it('name the partitions of the earlier 16 shards as before, so their marks are still read', () => {
    const names = Array.from({ length: PENDING_SHARDS }, (_, shard) => pendingShardName(shard));
    expect(new Set(names).size).toBe(PENDING_SHARDS);
    expect(names.slice(0, 16)).toEqual(
      ['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15'].map(
        (digits) => `p#${digits}`,
      ),
    );
  });
});
