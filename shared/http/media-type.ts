/**
 * Whether a Content-Type header names exactly one of the accepted media types, with at most a
 * `charset=utf-8` parameter. A prefix test such as `/^application\/json\b/` also lets through
 * `application/json-patch+json`, `application/jsonp` or a Latin-1 body, which the handlers
 * would then read as something they are not.
 */
export function isAcceptedMediaType(header: string | undefined, accepted: readonly string[]): boolean {
  const match = /^[ \t]*([^\s;/]+\/[^\s;]+)[ \t]*(?:;[ \t]*charset[ \t]*=[ \t]*("?)utf-8\2[ \t]*)?$/i.exec(
    header ?? '',
  );
  const mediaType = match?.[1]?.toLowerCase();
  return mediaType !== undefined && accepted.includes(mediaType);
}
