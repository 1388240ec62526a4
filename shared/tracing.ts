import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import type { MiddlewareObj } from '@middy/core';
import { METRICS_SERVICE } from './config/metrics.ts';
import { traceHandlersWith } from './observability.ts';

/**
 * X-Ray tracing, written to the X-Ray daemon Lambda runs beside each function (UDP, the segment
 * document format) without the X-Ray SDK: a subsegment per invocation (`## <handler>`, with the
 * `ColdStart` and `Service` annotations) and one per AWS request beneath it, with the trace header
 * passed on so the called service joins the trace. The X-Ray SDK and its context propagation cost
 * each function ≈ 120 KB and ≈ 50 ms of cold start (ADR 0026); a Lambda process runs one invocation
 * at a time, so the open invocation is module state rather than an async context.
 *
 * Off unless the function runs in Lambda with `POWERTOOLS_TRACE_ENABLED` not false (the emulator's
 * deployments turn it off: there is no daemon there), and nothing is sent for an unsampled request.
 * Imported by `shared/adapters/aws-calls.ts`, so only functions that call AWS bundle it.
 */

export const tracingEnabled =
  process.env.POWERTOOLS_TRACE_ENABLED !== 'false' &&
  (process.env.AWS_EXECUTION_ENV ?? '').startsWith('AWS_Lambda_');

interface TraceHeader {
  root: string;
  parent: string;
  sampled: boolean;
}

/** Lambda's trace header for the current invocation: `Root=1-…;Parent=…;Sampled=1`. */
export function invocationTraceHeader(value = process.env._X_AMZN_TRACE_ID): TraceHeader | undefined {
  if (!value) return undefined;
  const fields = new Map(
    value.split(';').map((field) => {
      const at = field.indexOf('=');
      return [field.slice(0, at).trim(), field.slice(at + 1).trim()] as const;
    }),
  );
  const root = fields.get('Root');
  const parent = fields.get('Parent');
  if (!root || !parent) return undefined;
  return { root, parent, sampled: fields.get('Sampled') === '1' };
}

/** The daemon's UDP address from `AWS_XRAY_DAEMON_ADDRESS` (`host:port` or `udp:host:port tcp:…`). */
export function daemonAddress(value = process.env.AWS_XRAY_DAEMON_ADDRESS): { host: string; port: number } {
  const udp = (value ?? '').split(/\s+/).find((part) => part.startsWith('udp:')) ?? value ?? '';
  const match = /^(?:udp:)?(.+):(\d+)$/.exec(udp);
  return match?.[1] && match[2]
    ? { host: match[1], port: Number(match[2]) }
    : { host: '127.0.0.1', port: 2000 };
}

let socket: Socket | undefined;
function send(document: Record<string, unknown>): void {
  const { host, port } = daemonAddress();
  if (!socket) {
    socket = createSocket('udp4');
    socket.on('error', () => undefined);
    socket.unref();
  }
  socket.send(`{"format":"json","version":1}\n${JSON.stringify(document)}`, port, host);
}

const seconds = () => Date.now() / 1000;

/** An open subsegment: closed once, and sent then (a Lambda function's subsegments go out one by one). */
export class Subsegment {
  readonly id = randomBytes(8).toString('hex');
  private readonly startTime = seconds();
  private readonly fields: Record<string, unknown> = {};

  constructor(
    private readonly name: string,
    private readonly trace: TraceHeader,
    private readonly parentId: string,
  ) {}

  /** The header an outgoing request carries so the called service's segment joins this one. */
  get header(): string {
    return `Root=${this.trace.root};Parent=${this.id};Sampled=${this.trace.sampled ? 1 : 0}`;
  }

  child(name: string): Subsegment {
    return new Subsegment(name, this.trace, this.id);
  }

  set(field: 'namespace' | 'aws' | 'http' | 'annotations', value: unknown): void {
    this.fields[field] = value;
  }

  /** Marks the outcome as X-Ray does: 429 throttle, other 4xx error, 5xx or no answer fault. */
  fail(error: unknown, status?: number): void {
    if (status === 429) this.fields.throttle = true;
    if (status !== undefined && status >= 400 && status < 500) this.fields.error = true;
    else this.fields.fault = true;
    const exception =
      error instanceof Error ? { type: error.name, message: error.message } : { message: String(error) };
    this.fields.cause = { exceptions: [{ id: randomBytes(8).toString('hex'), ...exception }] };
  }

  close(): void {
    if (!this.trace.sampled) return;
    send({
      ...this.fields,
      name: this.name,
      id: this.id,
      trace_id: this.trace.root,
      parent_id: this.parentId,
      type: 'subsegment',
      start_time: this.startTime,
      end_time: seconds(),
    });
  }
}

let invocation: Subsegment | undefined;
let coldStart = true;

/** The invocation's subsegment, under which each AWS request is recorded; undefined when not tracing. */
export function currentSubsegment(): Subsegment | undefined {
  return invocation;
}

function traceInvocation(): MiddlewareObj {
  return {
    before: () => {
      const trace = tracingEnabled ? invocationTraceHeader() : undefined;
      invocation = trace && new Subsegment(`## ${process.env._HANDLER ?? 'handler'}`, trace, trace.parent);
      invocation?.set('annotations', { ColdStart: coldStart, Service: METRICS_SERVICE });
      coldStart = false;
    },
    after: () => {
      invocation?.close();
      invocation = undefined;
    },
    onError: (request) => {
      invocation?.fail(request.error);
      invocation?.close();
      invocation = undefined;
    },
  };
}

traceHandlersWith(traceInvocation);
