import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { DomainError } from '../../../shared/domain/common/errors.ts';
import { parseJsonBody } from '../../../shared/http/endpoint.ts';
import { isAcceptedMediaType } from '../../../shared/http/media-type.ts';

const Schema = z.object({ a: z.number() });

function eventWith(contentType: string | undefined): APIGatewayProxyEvent {
  return {
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    body: '{"a":1}',
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEvent;
}

function refusalOf(contentType: string | undefined): string | undefined {
  try {
    parseJsonBody(eventWith(contentType), Schema);
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a domain error';
  }
}

describe('a JSON body is read only under exactly application/json', () => {
  it.each([
    'application/json',
    'Application/JSON',
    'application/json; charset=utf-8',
    'application/json;charset=UTF-8',
    '  application/json ;  charset = "utf-8"  ',
    'application/json\t;\tcharset=utf-8',
  ])('accepts %j', (contentType) => {
    expect(refusalOf(contentType)).toBeUndefined();
  });

  it.each([
    'application/json-patch+json',
    'application/jsonp',
    'application/json5',
    'application/json; charset=latin1',
    'application/json; charset=iso-8859-1',
    'application/json; charset=utf-16',
    'application/json; boundary=x',
    'application/json; charset=utf-8; charset=latin1',
    'application/json, text/plain',
    'application/jsonx',
    'text/plain',
    'text/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    '',
    undefined,
  ])('refuses %j with 415', (contentType) => {
    expect(refusalOf(contentType)).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('the XML import accepts the two XML media types and no look-alike', () => {
  it('accepts application/xml and text/xml, with UTF-8 at most', () => {
    const accepted = ['application/xml', 'text/xml'];
    expect(isAcceptedMediaType('application/xml', accepted)).toBe(true);
    expect(isAcceptedMediaType('text/xml; charset=utf-8', accepted)).toBe(true);
    expect(isAcceptedMediaType('application/xml-dtd', accepted)).toBe(false);
    expect(isAcceptedMediaType('application/xml; charset=latin1', accepted)).toBe(false);
    expect(isAcceptedMediaType('application/xmlfoo', accepted)).toBe(false);
  });
});
