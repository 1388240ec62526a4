import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { passwordSignIn, registerOfficer } from '../../scripts/lib/officer-admin.ts';
import { output } from '../../scripts/lib/outputs.ts';
import type { OfficerRole } from '../../shared/domain/officers/officers.ts';
import { apiBase, outputs } from './deployment.ts';

const cognito = new CognitoIdentityProviderClient({});
const poolId = () => output(outputs, 'Api', 'OfficerUserPoolId');
const clientId = () => output(outputs, 'Api', 'OfficerUserPoolClientId');

export const workspaceUrl = () => new URL('workspace', apiBase).toString();

export interface InvitedOfficer {
  username: string;
  temporaryPassword: string;
}

/**
 * An officer invited the way an administrator does, holding the temporary password the invitation
 * would carry (the account must change it at first sign-in).
 */
export async function invitedOfficer(
  agencyCode: string,
  roles: readonly OfficerRole[],
  prefix = 'cb',
): Promise<InvitedOfficer> {
  const username = await registerOfficer(outputs, agencyCode, roles, prefix);
  const temporaryPassword = `Tam-${randomUUID().slice(0, 8)}-A1!`;
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId(),
      Username: username,
      Password: temporaryPassword,
      Permanent: false,
    }),
  );
  return { username, temporaryPassword };
}

/** An officer with a permanent password (signed in once already). */
export async function activeOfficer(agencyCode: string, roles: readonly OfficerRole[], prefix = 'cb') {
  const invited = await invitedOfficer(agencyCode, roles, prefix);
  const password = `Mk-${randomUUID()}-A1!`;
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId(),
      Username: invited.username,
      Password: password,
      Permanent: true,
    }),
  );
  return { username: invited.username, password };
}

/** Enrols an authenticator for the officer (as they would in the app); answers a code generator. */
export async function enrolAuthenticator(username: string, password: string): Promise<() => string> {
  const { accessToken } = await passwordSignIn(poolId(), clientId(), username, password);
  const association = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  const totp = new TOTP({ secret: Secret.fromBase32(association.SecretCode ?? ''), digits: 6, period: 30 });
  await cognito.send(
    new VerifySoftwareTokenCommand({
      AccessToken: accessToken,
      UserCode: totp.generate(),
      FriendlyDeviceName: 'test',
    }),
  );
  await cognito.send(
    new SetUserMFAPreferenceCommand({
      AccessToken: accessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  );
  return () => totp.generate();
}

/** Signs in on the workspace page with the keyboard, answering a TOTP challenge when one comes. */
export async function signInOnPage(page: Page, username: string, password: string, code?: () => string) {
  await page.goto(workspaceUrl());
  await page.locator('#username').fill(username);
  await page.getByLabel('Mật khẩu', { exact: false }).first().fill(password);
  await page.keyboard.press('Enter');
  if (code) {
    const field = page.locator('#mfa-code');
    await expect.poll(() => field.isVisible(), { timeout: 30_000 }).toBe(true);
    await field.fill(code());
    await page.keyboard.press('Enter');
  }
  await expect.poll(() => page.locator('#who-name').textContent(), { timeout: 30_000 }).toContain(username);
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it stands (run through DevTools, outside the page's CSP). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map((node) => ({ target: node.target })),
    }));
  });
}

/** Opens a dossier from the work queue's search, with the keyboard. */
export async function openDossierFromQueue(page: Page, code: string) {
  await page.goto(`${workspaceUrl()}#/`);
  const search = page.locator('#search-text');
  await expect.poll(() => search.isVisible(), { timeout: 30_000 }).toBe(true);
  await search.fill(code);
  const link = page.getByRole('link', { name: code });
  // Searched again until found: a loaded emulator may answer a search slowly or fail it once.
  await expect
    .poll(
      async () => {
        if (await link.isVisible()) return true;
        const busy = (await page.locator('#queue-results').textContent())?.includes('Đang tải');
        if (!busy) await search.press('Enter');
        return false;
      },
      { timeout: 90_000, interval: 3_000 },
    )
    .toBe(true);
  await link.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('#view-title').textContent(), { timeout: 30_000 }).toContain(code);
}

/**
 * Takes one action on the open dossier page with the keyboard alone: opens its form, lets `fill`
 * complete it, submits, and waits for the confirmation and the page shown again.
 */
export async function actOnPage(
  page: Page,
  action: string,
  fill: (form: ReturnType<Page['locator']>) => Promise<void> = async () => {},
) {
  const details = page.locator(`details[data-action="${action}"]`).first();
  await expect
    .poll(() => details.count(), { timeout: 30_000, message: `the page offers ${action}` })
    .toBeGreaterThan(0);
  await page.evaluate(() => {
    const status = document.getElementById('status');
    if (status) status.textContent = '';
  });
  await details.locator('summary').focus();
  await page.keyboard.press('Enter');
  await fill(details);
  await details.locator('button[type=submit]').focus();
  await page.keyboard.press('Enter');
  await expect
    .poll(
      async () =>
        `${await page.locator('#status').textContent()}|${await page.locator('#errors').textContent()}`,
      {
        timeout: 60_000,
      },
    )
    .toMatch(/^Đã thực hiện/);
}
