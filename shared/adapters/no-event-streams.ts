/**
 * Stands in for `@smithy/core/event-streams` inside the function bundles (an esbuild alias, see
 * `infra/constructs/app-function.ts`). No operation the functions call streams events (S3's
 * `SelectObjectContent` would), yet every client's protocol code imports the event-stream codec
 * for them, and the S3 client builds a marshaller when it is constructed: about 15 KB of each
 * bundle. The marshaller here only refuses to work, so an operation that needed one would fail
 * loudly rather than misbehave.
 */
function unavailable(): never {
  throw new Error(
    'Event streams are not bundled into this function (see shared/adapters/no-event-streams.ts)',
  );
}

const refusingMarshaller = { serialize: unavailable, deserialize: unavailable };

export const eventStreamSerdeProvider = () => refusingMarshaller;

export const resolveEventStreamSerdeConfig = <T extends object>(input: T) =>
  Object.assign(input, { eventStreamMarshaller: refusingMarshaller });

export class EventStreamSerde {
  constructor() {
    unavailable();
  }
}
