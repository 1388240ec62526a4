import type { MiddlewareObj } from '@middy/core';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { assertIsJwks } from 'aws-jwt-verify/jwk';
import type { Json } from 'aws-jwt-verify/safe-json-parse';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { OfficerDirectory } from '../adapters/officer-directory.ts';
import { DomainError } from '../domain/common/errors.ts';
import {
  authorityOf,
  hasRole,
  OFFICER_ROLE_NAMES,
  type OfficerAuthority,
  type OfficerRecord,
  type OfficerRole,
  REFUSAL_MESSAGES,
} from '../domain/officers/officers.ts';

export type Officer = OfficerAuthority;

/** Where an officer's unit and roles are read: only administrators write there. */
export interface OfficerLookup {
  get(officerId: string): Promise<OfficerRecord | undefined>;
}

export interface OfficerAuthConfig {
  userPoolId: string;
  clientId: string;
  /** Where the pool's public keys are served when that is not Cognito itself (the local emulator). */
  endpointUrl?: string | undefined;
  /** Let requests without an Authorization header through (the route also serves citizens). */
  optional?: boolean;
  officers: OfficerLookup;
  /** Refuse officers who do not hold this role at their unit. */
  requiredRole?: OfficerRole;
  now?: () => Date;
}

/** The environment every officer function has (`officerPool` in shared/config/env.ts). */
export interface OfficerPoolEnv {
  USER_POOL_ID: string;
  USER_POOL_CLIENT_ID: string;
  OFFICERS_TABLE: string;
  AWS_ENDPOINT_URL?: string | undefined;
}

/** `officerAuth` configured from a function's environment, reading the Officers table. */
export function officerAuthFromEnv(
  env: OfficerPoolEnv,
  options: Pick<OfficerAuthConfig, 'optional' | 'requiredRole'> = {},
) {
  return officerAuth({
    userPoolId: env.USER_POOL_ID,
    clientId: env.USER_POOL_CLIENT_ID,
    endpointUrl: env.AWS_ENDPOINT_URL,
    officers: new OfficerDirectory(env.OFFICERS_TABLE),
    ...options,
  });
}

export function missingRole(role: OfficerRole) {
  return new DomainError('FORBIDDEN', {
    vi: `Thao tác này cần vai trò «${OFFICER_ROLE_NAMES[role].vi}» (${role}) tại đơn vị.`,
    en: `This action needs the role "${OFFICER_ROLE_NAMES[role].en}" (${role}) at the unit.`,
  });
}

/** Refuses an officer who lacks `role`; for handlers that serve several roles on one route. */
export function requireRole(officer: Officer, role: OfficerRole): void {
  if (!hasRole(officer, role)) throw missingRole(role);
}

const unauthenticated = () =>
  new DomainError('UNAUTHENTICATED', {
    vi: 'Cần đăng nhập bằng tài khoản cán bộ (mã thông báo thiếu, sai hoặc hết hạn).',
    en: 'An officer sign-in is required (the token is missing, invalid or expired).',
  });

const officers = new WeakMap<APIGatewayProxyEvent, Officer>();

/** The officer a request was authenticated as, if it carried a token. */
export function maybeOfficerOf(event: APIGatewayProxyEvent): Officer | undefined {
  return officers.get(event);
}

/** The officer a request was authenticated as; only handlers behind `officerAuth` may ask. */
export function officerOf(event: APIGatewayProxyEvent): Officer {
  const officer = officers.get(event);
  if (!officer) throw unauthenticated();
  return officer;
}

/**
 * Verifies the Cognito ID token in `Authorization: Bearer …` (signature, issuer, audience, expiry,
 * token use) inside the function, so the check holds even where an API Gateway authorizer is not
 * enforced. The token proves who the caller is, nothing more: the unit and roles come from the
 * officer's record, which only administrators write, and a deactivated record ends the authority of
 * tokens still valid. Attributes of the token (which a user may be able to write) are never read.
 */
export function officerAuth(
  config: OfficerAuthConfig,
): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const verifier = CognitoJwtVerifier.create({
    userPoolId: config.userPoolId,
    clientId: config.clientId,
    tokenUse: 'id',
  });
  let keysLoaded: Promise<void> | undefined;
  const loadKeys = () => {
    if (!config.endpointUrl) return Promise.resolve();
    keysLoaded ??= fetch(
      `${config.endpointUrl.replace(/\/$/, '')}/${config.userPoolId}/.well-known/jwks.json`,
    )
      .then((response): Promise<Json> => response.json())
      .then((jwks) => {
        assertIsJwks(jwks);
        verifier.cacheJwks(jwks);
      })
      .catch((error: unknown) => {
        keysLoaded = undefined;
        throw error;
      });
    return keysLoaded;
  };
  return {
    before: async (request) => {
      const header = request.event.headers.authorization ?? '';
      if (!header && config.optional) return;
      const token = /^Bearer (\S+)$/i.exec(header)?.[1];
      if (!token) throw unauthenticated();
      await loadKeys();
      let subject: string;
      try {
        subject = (await verifier.verify(token)).sub;
      } catch {
        throw unauthenticated();
      }
      const verdict = authorityOf(await config.officers.get(subject), config.now?.() ?? new Date());
      if (!verdict.granted) throw new DomainError('FORBIDDEN', REFUSAL_MESSAGES[verdict.reason]);
      if (config.requiredRole && !hasRole(verdict.authority, config.requiredRole)) {
        throw missingRole(config.requiredRole);
      }
      officers.set(request.event, verdict.authority);
    },
  };
}
