import { describe, expect, it, vi } from 'vitest';
import { FORM_ISSUED_BY } from '../../../shared/domain/documents/forms.ts';

// The workspace's API module reads the page's path when loaded.
vi.stubGlobal('location', { pathname: '/v1/workspace' });
const { ACTIONS, PREVIEW_FORMS } = await import('../../../web/src/workspace/actions.ts');

describe('the workspace’s form previews', () => {
  it('offer a preview for each action that issues a form, of the form the server issues for it', () => {
    expect(PREVIEW_FORMS).toEqual(FORM_ISSUED_BY);
    const issuing = Object.entries(ACTIONS).filter(([, spec]) => spec.issues);
    expect(issuing.map(([type]) => type).sort()).toEqual(Object.keys(FORM_ISSUED_BY).sort());
    for (const [type, spec] of issuing) expect(spec.issues).toContain(`mẫu ${PREVIEW_FORMS[type]}`);
  });
});
