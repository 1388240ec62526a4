import type { APIGatewayProxyResult } from 'aws-lambda';
import { contentSecurityPolicy, type PolicyOptions } from './content-security-policy.ts';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

/** A page, with the Content-Security-Policy its inline scripts and styles call for. */
export function html(statusCode: number, body: string, policy: PolicyOptions = {}): APIGatewayProxyResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      ...SECURITY_HEADERS,
      'cache-control': 'public, max-age=60',
      'content-security-policy': contentSecurityPolicy(body, policy),
    },
    body,
  };
}

/** A text body other than JSON or HTML (CSV exports), with the security headers. */
export function text(
  statusCode: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return { statusCode, headers: { 'content-type': contentType, ...SECURITY_HEADERS, ...headers }, body };
}

/** Bytes (a PDF): base64 for API Gateway, which decodes it because the API lists binary media types. */
export function binary(
  statusCode: number,
  body: Uint8Array,
  contentType: string,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'content-type': contentType, ...SECURITY_HEADERS, ...headers },
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true,
  };
}
