import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/errors.ts';
import { officerAuth, officerOf } from '../../../shared/http/officer-auth.ts';

const POOL = 'us-east-1_TestPool1';
const CLIENT = 'officer-portal-client';
const ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`;
const poolKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const foreignKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

function jwt(claims: Record<string, unknown>, key: KeyObject = poolKey.privateKey, kid = 'pool-key') {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'RS256', kid, typ: 'JWT' })}.${encode(claims)}`;
  return `${body}.${sign('sha256', Buffer.from(body), key).toString('base64url')}`;
}

const now = Math.floor(Date.now() / 1000);
const validClaims = {
  sub: 'officer-sub',
  'cognito:username': 'can-bo-1',
  'custom:agency_code': '000.17.22.H56',
  iss: ISSUER,
  aud: CLIENT,
  token_use: 'id',
  iat: now,
  exp: now + 600,
};

describe('officer authentication in the function', () => {
  let server: Server;
  let middleware: ReturnType<typeof officerAuth>;

  beforeAll(async () => {
    // Serves the pool's public keys the way Cognito (or the emulator) does.
    const jwk = { ...poolKey.publicKey.export({ format: 'jwk' }), kid: 'pool-key', alg: 'RS256', use: 'sig' };
    server = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(request.url === `/${POOL}/.well-known/jwks.json` ? JSON.stringify({ keys: [jwk] }) : '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    middleware = officerAuth({ userPoolId: POOL, clientId: CLIENT, endpointUrl: `http://127.0.0.1:${port}` });
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function authenticate(authorization?: string) {
    const event = { headers: authorization ? { authorization } : {} } as unknown as APIGatewayProxyEvent;
    // biome-ignore lint/suspicious/noExplicitAny: a minimal middy request for one middleware
    await middleware.before?.({ event } as any);
    return officerOf(event);
  }

  async function refusal(authorization?: string) {
    try {
      await authenticate(authorization);
    } catch (error) {
      return error as DomainError;
    }
    throw new Error('the token was accepted');
  }

  it('accepts a valid ID token and reads the officer’s agency from it', async () => {
    expect(await authenticate(`Bearer ${jwt(validClaims)}`)).toEqual({
      id: 'officer-sub',
      username: 'can-bo-1',
      agencyCode: '000.17.22.H56',
    });
  });

  it.each([
    ['a missing token', undefined],
    ['a malformed header', 'Token abc'],
    ['an expired token', `Bearer ${jwt({ ...validClaims, iat: now - 7200, exp: now - 3600 })}`],
    ['a token signed by another key', `Bearer ${jwt(validClaims, foreignKey.privateKey)}`],
    ['a token of another pool', `Bearer ${jwt({ ...validClaims, iss: `${ISSUER}x` })}`],
    ['a token for another client', `Bearer ${jwt({ ...validClaims, aud: 'someone-else' })}`],
    ['an access token instead of an ID token', `Bearer ${jwt({ ...validClaims, token_use: 'access' })}`],
  ])('refuses %s with 401', async (_, header) => {
    const error = await refusal(header);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.statusCode).toBe(401);
  });

  it('refuses an account without an agency with 403', async () => {
    const { 'custom:agency_code': _, ...withoutAgency } = validClaims;
    expect((await refusal(`Bearer ${jwt(withoutAgency)}`)).statusCode).toBe(403);
  });
});
