import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/common/errors.ts';
import type { OfficerRecord } from '../../../shared/domain/officers/officers.ts';
import { statusOf } from '../../../shared/http/errors.ts';
import { type OfficerLookup, officerAuth, officerOf } from '../../../shared/http/officer-auth.ts';

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
  // A claim the user could write: it must never be taken as authority.
  'custom:agency_code': '000.99.99.H56',
  iss: ISSUER,
  aud: CLIENT,
  token_use: 'id',
  iat: now,
  exp: now + 600,
};

const record: OfficerRecord = {
  officerId: 'officer-sub',
  username: 'can-bo-1',
  agencyCode: '000.17.22.H56',
  roles: ['tiep_nhan', 'chuyen_vien'],
  active: true,
  validFrom: '2026-01-01T00:00:00+07:00',
  updatedAt: '2026-01-01T00:00:00+07:00',
  updatedBy: 'operator',
};

/** An administrator-written directory held in memory; `reads` counts what the middleware asked. */
class MemoryDirectory implements OfficerLookup {
  records = new Map<string, OfficerRecord>([[record.officerId, record]]);
  reads = 0;
  async get(id: string) {
    this.reads += 1;
    return this.records.get(id);
  }
}

describe('officer authentication in the function', () => {
  let server: Server;
  let middleware: ReturnType<typeof officerAuth>;
  let jwksUrl: string;
  const directory = new MemoryDirectory();

  beforeAll(async () => {
    // Serves the pool's public keys the way Cognito (or the emulator) does.
    const jwk = { ...poolKey.publicKey.export({ format: 'jwk' }), kid: 'pool-key', alg: 'RS256', use: 'sig' };
    server = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(request.url === `/${POOL}/.well-known/jwks.json` ? JSON.stringify({ keys: [jwk] }) : '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    jwksUrl = `http://127.0.0.1:${port}`;
    middleware = officerAuth({
      userPoolId: POOL,
      clientId: CLIENT,
      endpointUrl: jwksUrl,
      officers: directory,
    });
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function authenticate(authorization?: string, using = middleware) {
    const event = { headers: authorization ? { authorization } : {} } as unknown as APIGatewayProxyEvent;
    // biome-ignore lint/suspicious/noExplicitAny: a minimal middy request for one middleware
    await using.before?.({ event } as any);
    return officerOf(event);
  }

  async function refusal(authorization?: string, using = middleware) {
    try {
      await authenticate(authorization, using);
    } catch (error) {
      return error as DomainError;
    }
    throw new Error('the token was accepted');
  }

  it('accepts a valid ID token and takes unit and roles from the administrator’s record, not the token', async () => {
    expect(await authenticate(`Bearer ${jwt(validClaims)}`)).toEqual({
      id: 'officer-sub',
      username: 'can-bo-1',
      agencyCode: '000.17.22.H56',
      roles: ['tiep_nhan', 'chuyen_vien'],
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
    expect(statusOf(error)).toBe(401);
  });

  it.each([
    ['not registered by an administrator', undefined],
    ['deactivated', { ...record, active: false }],
    ['not valid yet', { ...record, validFrom: '2999-01-01T00:00:00+07:00' }],
    ['past its validity', { ...record, validTo: '2020-01-01T00:00:00+07:00' }],
  ])('refuses a valid token whose account is %s with 403', async (_, stored) => {
    const lookup: OfficerLookup = { get: async () => stored };
    const strict = officerAuth({
      userPoolId: POOL,
      clientId: CLIENT,
      endpointUrl: jwksUrl,
      officers: lookup,
    });
    const error = await refusal(`Bearer ${jwt(validClaims)}`, strict);
    expect(statusOf(error)).toBe(403);
    expect(error.code).toBe('FORBIDDEN');
  });

  it('refuses an officer without the route’s role with 403 naming the role', async () => {
    const adminOnly = officerAuth({
      userPoolId: POOL,
      clientId: CLIENT,
      endpointUrl: jwksUrl,
      officers: directory,
      requiredRole: 'quan_tri',
    });
    const error = await refusal(`Bearer ${jwt(validClaims)}`, adminOnly);
    expect(statusOf(error)).toBe(403);
    expect(error.message).toContain('quan_tri');
    directory.records.set(record.officerId, { ...record, roles: ['quan_tri'] });
    try {
      expect((await authenticate(`Bearer ${jwt(validClaims)}`, adminOnly)).roles).toEqual(['quan_tri']);
    } finally {
      directory.records.set(record.officerId, record);
    }
  });

  it('does not read the directory for a token that fails verification', async () => {
    const before = directory.reads;
    await refusal(`Bearer ${jwt(validClaims, foreignKey.privateKey)}`);
    expect(directory.reads).toBe(before);
  });
});
