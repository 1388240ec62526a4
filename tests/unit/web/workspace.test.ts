import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAGE_NAMES, pageScript, renderPage } from '../../../infra/web-pages.ts';
import { contentSecurityPolicy } from '../../../shared/http/content-security-policy.ts';
import { signInEndpoint, workspaceMarkup } from '../../../shared/http/workspace-page.ts';
import { timelinessOf } from '../../../web/src/workspace/labels.ts';
import { meetsPasswordPolicy, signInRefusal } from '../../../web/src/workspace/session.ts';

const settings = {
  ATTACHMENTS_BUCKET: 'attachments',
  OFFICER_SIGN_IN: { userPoolId: 'ap-southeast-1_AbC', clientId: 'client"<x>' },
  AWS_REGION: 'ap-southeast-1',
};

describe('the workspace page as served', () => {
  it('tells the browser the pool and the endpoint it signs in against, escaped into its meta tag', () => {
    const page = workspaceMarkup(renderPage('workspace'), settings);
    const content = page.match(/<meta name="motcua-sign-in" content="([^"]*)">/)?.[1] ?? '';
    const decoded = content
      .replaceAll('&quot;', '"')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
    expect(JSON.parse(decoded)).toEqual({
      userPoolId: 'ap-southeast-1_AbC',
      clientId: 'client"<x>',
      endpoint: 'https://cognito-idp.ap-southeast-1.amazonaws.com',
    });
    expect(page).not.toContain('{{SIGN_IN}}');
  });

  it('signs in against Cognito in AWS and against the emulator locally', () => {
    expect(signInEndpoint({ AWS_REGION: 'ap-southeast-1' })).toBe(
      'https://cognito-idp.ap-southeast-1.amazonaws.com',
    );
    expect(signInEndpoint({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566/' })).toBe(
      'http://127.0.0.1:4566',
    );
  });

  it('lets the page frame and show files from the bucket only, and nothing frame it', () => {
    const policy = contentSecurityPolicy('<p></p>', {
      connectSources: ['https://b.s3.amazonaws.com'],
      frameSources: ['https://b.s3.amazonaws.com'],
      imageSources: ['https://b.s3.amazonaws.com'],
    });
    expect(policy).toContain('frame-src https://b.s3.amazonaws.com');
    expect(policy).toContain("img-src 'self' data: https://b.s3.amazonaws.com");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy('<p></p>')).not.toContain('frame-src');
  });
});

describe('each page’s script', () => {
  it.each(PAGE_NAMES)('%s weighs at most 60 KB gzipped', (name) => {
    expect(gzipSync(pageScript(name)).length).toBeLessThanOrEqual(60 * 1024);
  });
});

describe('the sign-in rules in the browser', () => {
  it('checks the pool’s password policy before sending', () => {
    expect(meetsPasswordPolicy('Mat-khau-2026!')).toBe(true);
    for (const weak of [
      'ngan',
      'matkhaukhongdau1!',
      'MATKHAUKHONGDAU1!',
      'Matkhaukhongso!',
      'Matkhaukhongky1',
    ])
      expect(meetsPasswordPolicy(weak)).toBe(false);
    fc.assert(
      fc.property(fc.string({ maxLength: 11 }), (short) => {
        expect(meetsPasswordPolicy(short)).toBe(false);
      }),
    );
  });

  it('says what Cognito refused in Vietnamese first, never whether the account exists', () => {
    const wrong = signInRefusal({
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    const unknown = signInRefusal({ code: 'UserNotFoundException', message: 'User does not exist.' });
    expect(wrong).toEqual(unknown);
    expect(wrong.error.message.vi).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(signInRefusal({ code: 'CodeMismatchException' }).error.message.vi).toContain(
      'Mã xác thực không đúng',
    );
    expect(
      signInRefusal({ code: 'NotAuthorizedException', message: 'User is disabled.' }).error.message.vi,
    ).toContain('bị khóa');
    expect(signInRefusal(new Error('network')).error.message.vi).toBe(
      'Không đăng nhập được, vui lòng thử lại.',
    );
  });
});

describe('the queue’s colours', () => {
  it('marks overdue, due within two working days, and within time', () => {
    expect(timelinessOf({ late: true, workingMinutes: -30 })).toBe('late');
    expect(timelinessOf({ late: false, workingMinutes: 2 * 480 })).toBe('soon');
    expect(timelinessOf({ late: false, workingMinutes: 2 * 480 + 1 })).toBe('ok');
    expect(timelinessOf(undefined)).toBe('none');
  });
});
