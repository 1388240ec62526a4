import type { MiddlewareObj } from '@middy/core';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { isAgencyCode } from '../domain/agency.ts';
import { DomainError } from '../domain/errors.ts';

export interface Officer {
  id: string;
  username: string;
  agencyCode: string;
}

export interface OfficerAuthConfig {
  userPoolId: string;
  clientId: string;
  /** Where the pool's public keys are served when that is not Cognito itself (the local emulator). */
  endpointUrl?: string | undefined;
  /** Let requests without an Authorization header through (the route also serves citizens). */
  optional?: boolean;
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
 * enforced, and reads the officer's agency from the `custom:agency_code` attribute.
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
      .then((response) => response.json())
      .then((jwks) => verifier.cacheJwks(jwks as Parameters<typeof verifier.cacheJwks>[0]))
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
      let claims: Record<string, unknown>;
      try {
        claims = (await verifier.verify(token)) as Record<string, unknown>;
      } catch {
        throw unauthenticated();
      }
      const agencyCode = claims['custom:agency_code'];
      if (typeof agencyCode !== 'string' || !isAgencyCode(agencyCode)) {
        throw new DomainError('FORBIDDEN', {
          vi: 'Tài khoản chưa được gán cho cơ quan nào.',
          en: 'This account is not assigned to an agency.',
        });
      }
      officers.set(request.event, {
        id: String(claims.sub),
        username: String(claims['cognito:username'] ?? claims.sub),
        agencyCode,
      });
    },
  };
}
