import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * `openssl dgst -sha256 -verify` over files in a fresh directory, as docs/api-guide.md tells an
 * offline verifier to run it: `file` writes one and answers its path, `verify` answers OpenSSL's run.
 */
export function opensslWorkspace(prefix: string) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const file = (name: string, content: string | Buffer): string => {
    writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  };
  const verify = (pem: string, signature: string, data: string) =>
    spawnSync('openssl', ['dgst', '-sha256', '-verify', pem, '-signature', signature, data], {
      encoding: 'utf8',
    });
  /**
   * The first of a session signature's two steps: the statement against the published key. Answers
   * OpenSSL's output, and the files of the published key and of the session key the statement names.
   */
  const statement = (publishedKeyPem: string, delegation: { canonical: string; value: string }) => {
    const signingKey = file('signing-key.pem', publishedKeyPem);
    const checked = verify(
      signingKey,
      file('statement.sig', Buffer.from(delegation.value, 'base64')),
      file('statement.txt', delegation.canonical),
    );
    const { publicKeyPem } = JSON.parse(delegation.canonical) as { publicKeyPem: string };
    return { output: checked.stdout.trim(), signingKey, sessionKey: file('session-key.pem', publicKeyPem) };
  };
  return { file, verify, statement };
}
