import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const README_MAX_LINES = 200;

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return markdownFiles(file);
    return name.endsWith('.md') ? [file] : [];
  });
}

/** The text outside fenced code blocks and inline code spans, where links and headings live. */
function prose(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').flatMap((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return [];
    }
    return fenced ? [] : [line.replace(/`[^`]*`/g, '')];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading?.[1]) continue;
    const text = heading[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

interface Link {
  from: string;
  target: string;
}

function relativeLinks(file: string): Link[] {
  const links: Link[] = [];
  for (const line of prose(readFileSync(file, 'utf8'))) {
    for (const match of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = match[1];
      if (target && !/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push({ from: file, target });
    }
  }
  return links;
}

/** Why a link does not resolve, or undefined when it does. */
function brokenReason({ from, target }: Link): string | undefined {
  const [rawPath = '', fragment] = target.split('#', 2);
  const file = rawPath === '' ? from : path.resolve(path.dirname(from), decodeURIComponent(rawPath));
  if (!existsSync(file)) return 'no such file';
  if (fragment === undefined || fragment === '') return undefined;
  if (!file.endsWith('.md')) return 'anchor into a file that is not Markdown';
  return anchors(readFileSync(file, 'utf8')).has(decodeURIComponent(fragment).toLowerCase())
    ? undefined
    : `no heading with anchor #${fragment}`;
}

const files = [path.join(ROOT, 'README.md'), ...markdownFiles(path.join(ROOT, 'docs'))];

describe('documentation links', () => {
  it('finds the README and the docs', () => {
    expect(files.length).toBeGreaterThan(5);
    expect(relativeLinks(path.join(ROOT, 'README.md')).length).toBeGreaterThan(5);
  });

  it('resolves every relative link and anchor in README.md and docs/**/*.md', () => {
    const broken = files
      .flatMap(relativeLinks)
      .map((link) => ({ link, reason: brokenReason(link) }))
      .filter(({ reason }) => reason !== undefined)
      .map(({ link, reason }) => `${path.relative(ROOT, link.from)}: ${link.target} (${reason})`);
    expect(broken).toEqual([]);
  });

  it('keeps README.md a map of at most 200 lines', () => {
    const lines = readFileSync(path.join(ROOT, 'README.md'), 'utf8').trimEnd().split('\n').length;
    expect(lines).toBeLessThanOrEqual(README_MAX_LINES);
  });
});

describe('the anchor rule the link check relies on', () => {
  it('follows GitHub for accents, punctuation and repeated headings', () => {
    const found = anchors(
      [
        '# Một cửa điện tử',
        '## Deploy (local and AWS)',
        '## Notes',
        '## Notes',
        '```',
        '## not a heading',
        '```',
        '### `npm test`, and [a link](x.md)',
      ].join('\n'),
    );
    expect([...found]).toEqual([
      'một-cửa-điện-tử',
      'deploy-local-and-aws',
      'notes',
      'notes-1',
      'npm-test-and-a-link',
    ]);
  });

  it('reports a missing file and a missing anchor, and accepts a good one', () => {
    const readme = path.join(ROOT, 'README.md');
    expect(brokenReason({ from: readme, target: 'docs/no-such-file.md' })).toBe('no such file');
    expect(brokenReason({ from: readme, target: 'docs/security.md#no-such-heading' })).toBe(
      'no heading with anchor #no-such-heading',
    );
    expect(brokenReason({ from: readme, target: 'docs/security.md#security-model' })).toBeUndefined();
  });
});
