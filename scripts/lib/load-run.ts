/**
 * The pieces of a load or fault run against the deployed app: submitting dossiers with client
 * retries and deliberate resends under one `Idempotency-Key`, switching the injected faults, a poison
 * message, and draining (redriving every DLQ once the faults are off). bench/load.ts and the fault
 * test share them.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { FaultRates } from '../../shared/domain/common/faults.ts';
import seededProcedures from '../seed-data/procedures.json' with { type: 'json' };
import { output, type StackOutputs } from './outputs.ts';
import { redrive } from './redrive.ts';
import {
  countRun,
  deadLetterQueues,
  dossierStored,
  queueDepth,
  type RunCounts,
  runDossiers,
  runEmail,
  runNote,
} from './run-state.ts';

const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
const ssm = new SSMClient({});
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * One procedure of each seeded agency, taken in turn: a province's dossiers spread over its units,
 * and so over as many FIFO message groups (one per agency) on the four tier queues.
 */
const PROCEDURES = [
  ...new Map(seededProcedures.map((procedure) => [procedure.agencyCode, procedure.code])).values(),
];
const MAX_ATTEMPTS = 15;
const REQUEST_TIMEOUT_MS = 30_000;

export interface RunClientStats {
  accepted: number;
  requests: number;
  retries: number;
  retryReasons: Record<string, number>;
  resends: number;
  resendMismatches: number;
  gaveUp: number;
  refusals: string[];
  /** First attempt to the 201, retries included, sorted. */
  latenciesMs: number[];
}

/** One small real PDF, uploaded once per mandatory document component of each dossier. */
let samplePdf: Promise<Uint8Array> | undefined;
const pdfBytes = () => {
  samplePdf ??= PDFDocument.create().then(async (pdf) => {
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage([595, 842]).drawText('Ho so tai thu', { x: 56, y: 760, size: 14, font });
    return pdf.save();
  });
  return samplePdf;
};

class UploadRefused extends Error {}

/** Asks for a presigned POST and sends the file to it, retrying what a fault or a throttle refused. */
async function uploadDocument(base: string, fileName: string): Promise<string> {
  const bytes = await pdfBytes();
  for (let attempt = 1; ; attempt += 1) {
    try {
      const presign = await fetch(new URL('attachments', base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fileName, contentType: 'application/pdf', sizeBytes: bytes.byteLength }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (presign.status === 201) {
        const target = (await presign.json()) as { key: string; url: string; fields: Record<string, string> };
        const form = new FormData();
        for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
        form.append('file', new Blob([Buffer.from(bytes)], { type: 'application/pdf' }), fileName);
        const sent = await fetch(target.url, { method: 'POST', body: form });
        if (sent.status < 300) return target.key;
      } else if (presign.status < 500 && presign.status !== 429) {
        throw new UploadRefused(`upload of ${fileName} refused: ${presign.status} ${await presign.text()}`);
      }
    } catch (error) {
      if (error instanceof UploadRefused || attempt >= MAX_ATTEMPTS) throw error;
    }
    if (attempt >= MAX_ATTEMPTS) throw new Error(`upload of ${fileName} kept failing`);
    await sleep(Math.min(8000, 250 * 2 ** (attempt - 1)) * (0.5 + Math.random()));
  }
}

/** A file uploaded through the API for each mandatory document component of a seeded procedure. */
export async function mandatoryAttachments(base: string, procedureCode: string | undefined) {
  const procedure = seededProcedures.find((candidate) => candidate.code === procedureCode);
  if (!procedure) throw new Error(`${procedureCode} is not a seeded procedure`);
  const mandatory = procedure.requiredDocuments.filter((component) => component.mandatory);
  return Promise.all(
    mandatory.map(async ({ code }) => {
      const fileName = `${code.toLowerCase().replaceAll('_', '-')}.pdf`;
      return { key: await uploadDocument(base, fileName), fileName, documentCode: code };
    }),
  );
}

/** A complete dossier: a file for each mandatory document component of its procedure. */
export async function dossierBody(base: string, runId: string, index: number): Promise<string> {
  const procedureCode = PROCEDURES[index % PROCEDURES.length];
  const attachments = await mandatoryAttachments(base, procedureCode);
  return JSON.stringify({
    procedureCode,
    channel: 'online',
    applicant: {
      fullName: 'Lê Thị Thu',
      idNumber: '038199007777',
      address: 'Thị trấn Hậu Lộc, Thanh Hóa',
      phone: '0912777000',
      email: runEmail(runId, index),
    },
    attachments,
    note: runNote(runId, index),
  });
}

interface SubmitOptions {
  base: string;
  runId: string;
  total: number;
  concurrency: number;
  /** Share of dossiers sent a second time with the same key: half at once, half after the answer. */
  resendShare: number;
  onProgress?: (accepted: number) => void;
}

export async function submitRun(options: SubmitOptions): Promise<RunClientStats> {
  const stats: RunClientStats = {
    accepted: 0,
    requests: 0,
    retries: 0,
    retryReasons: {},
    resends: 0,
    resendMismatches: 0,
    gaveUp: 0,
    refusals: [],
    latenciesMs: [],
  };
  const url = new URL('dossiers', options.base).toString();
  const every = options.resendShare > 0 ? Math.round(1 / options.resendShare) : 0;

  /** One logical request: retried with the same key until it gets its 201 (or gives up). */
  async function send(key: string, body: string): Promise<string | undefined> {
    const first = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      let reason: string;
      stats.requests += 1;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await response.text();
        if (response.status === 201) {
          stats.latenciesMs.push(Date.now() - first);
          return (JSON.parse(text) as { dossierCode: string }).dossierCode;
        }
        const retryable =
          response.status >= 500 ||
          response.status === 429 ||
          (response.status === 409 && text.includes('REQUEST_IN_PROGRESS'));
        if (!retryable) {
          stats.refusals.push(`${response.status} ${text.slice(0, 200)}`);
          return undefined;
        }
        reason = response.status === 409 ? 'in progress (409)' : `HTTP ${response.status}`;
      } catch (error) {
        reason = (error as Error).name === 'TimeoutError' ? 'timeout' : 'connection failed';
      }
      if (attempt >= MAX_ATTEMPTS) {
        stats.gaveUp += 1;
        return undefined;
      }
      stats.retries += 1;
      stats.retryReasons[reason] = (stats.retryReasons[reason] ?? 0) + 1;
      await sleep(Math.min(8000, 250 * 2 ** (attempt - 1)) * (0.5 + Math.random()));
    }
  }

  let next = 0;
  async function submitter(): Promise<void> {
    for (;;) {
      const index = next++;
      if (index >= options.total) return;
      const key = `${options.runId}-${index}`;
      let body: string;
      try {
        body = await dossierBody(options.base, options.runId, index);
      } catch (error) {
        stats.gaveUp += 1;
        stats.refusals.push((error as Error).message.slice(0, 200));
        continue;
      }
      const resend = every > 0 && index % every === 0;
      let codes: (string | undefined)[];
      if (resend && index % (2 * every) === 0) {
        // Both copies in flight together, as when a client times out and retries at once.
        codes = await Promise.all([send(key, body), send(key, body)]);
      } else {
        codes = [await send(key, body)];
        if (resend) codes.push(await send(key, body));
      }
      if (resend) {
        stats.resends += 1;
        if (codes[0] !== codes[1]) stats.resendMismatches += 1;
      }
      if (codes[0]) {
        stats.accepted += 1;
        options.onProgress?.(stats.accepted);
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, submitter));
  stats.latenciesMs.sort((a, b) => a - b);
  return stats;
}

/** Sets the failure rates of a fault-run deployment; the handlers see them within a few seconds. */
export async function setFaultRates(outputs: StackOutputs, rates: FaultRates): Promise<void> {
  await ssm.send(
    new PutParameterCommand({
      Name: output(outputs, 'Data', 'FaultInjectionParameter'),
      Value: JSON.stringify(rates),
      Type: 'String',
      Overwrite: true,
    }),
  );
  await sleep(4000);
}

export const poisonCode = (runId: string) => `POISON-${runId}`;

/**
 * A body no consumer can read (cut-off JSON), alone in its group so it holds up no agency. Returns
 * the dossier code it names, which must never be stored.
 */
export async function putPoisonMessage(outputs: StackOutputs, runId: string): Promise<string> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: output(outputs, 'Routing', 'communeQueueUrl'),
      MessageBody: `{"type":"dossier.received","dossierCode":"${poisonCode(runId)}","agencyCode":`,
      MessageGroupId: `poison-${runId}`,
      MessageDeduplicationId: `poison-${runId}`,
    }),
  );
  return poisonCode(runId);
}

/** Deletes a parked poison message once the run has checked it, so the DLQ is left empty. */
export async function removePoisonMessage(outputs: StackOutputs, poison: string): Promise<number> {
  const report = await redrive(output(outputs, 'Routing', 'communeDeadLetterQueueUrl'), '', true, {
    remove: (message) => message.body.includes(poison),
  });
  return report.removed;
}

interface DrainOptions {
  outputs: StackOutputs;
  endpoint: string;
  runId: string;
  timeoutMs: number;
  /** Whether the run's work is complete. */
  done: (counts: RunCounts) => boolean;
  /**
   * A fault run: once the queues are idle, turn the faults off (as an operator fixes the cause
   * first) and redrive the DLQs. A plain load run redrives nothing.
   */
  resetFaults: boolean;
  /** The dossier code the poison message names, if one was sent. */
  poison?: string | undefined;
  /** What each DLQ held before the run (see `parkedMessages`): not the run's doing. */
  parkedBefore?: Record<string, number> | undefined;
}

export async function parkedMessages(outputs: StackOutputs): Promise<Record<string, number>> {
  const depths: Record<string, number> = {};
  for (const [name, url] of Object.entries(deadLetterQueues(outputs))) depths[name] = await queueDepth(url);
  return depths;
}

export interface DrainReport {
  /** Messages moved back from a DLQ (the poison message is left where it is). */
  redriven: number;
  /** Messages each DLQ gained during the run (the poison message not counted; what others had parked stays). */
  deadLetters: Record<string, number>;
  poisonParked: boolean;
  poisonStored: boolean;
}

/** The dossier a routing or citizen-mail message is about, if its body can be read at all. */
function dossierCodeIn(body: string): string | undefined {
  try {
    const code = (JSON.parse(body) as { dossierCode?: unknown }).dossierCode;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

const queueOf = (deadLetterOutput: string) => deadLetterOutput.replace(/DeadLetterQueueUrl$/, 'QueueUrl');

/**
 * Waits for the work to finish; once the queues are idle or the work is done, turns the faults off,
 * moves every dead-lettered message back to its queue (the poison message stays parked) and waits
 * again, until done and every DLQ is empty, or the time is up.
 */
export async function drainFaultRun(options: DrainOptions): Promise<DrainReport> {
  const deadline = Date.now() + options.timeoutMs;
  const dlqs = deadLetterQueues(options.outputs);
  const mainQueues = Object.keys(dlqs).map((name) =>
    output(options.outputs, name.startsWith('Mail') ? 'Mail' : 'Routing', queueOf(name)),
  );
  let redriven = 0;
  let poisonParked = false;
  let faultsOff = !options.resetFaults;
  for (;;) {
    const counts = await countRun(options.outputs, options.endpoint, options.runId);
    const busy = (await Promise.all(mainQueues.map(queueDepth))).some((depth) => depth > 0);
    const parked = await Promise.all(Object.values(dlqs).map(queueDepth));
    const before = Object.values(options.parkedBefore ?? {}).reduce((sum, n) => sum + n, 0);
    const parkedBeyondPoison = parked.reduce((sum, n) => sum + n, 0) - (poisonParked ? 1 : 0) - before;
    const done = options.done(counts);
    if (done && !busy && parkedBeyondPoison <= 0 && (poisonParked || !options.poison)) break;
    if (Date.now() > deadline) break;
    // Once the work is done the faults go off even if a queue is still busy: a message the faults
    // keep failing waits longer after each failure, and would hold the queue busy past the deadline.
    if (busy && !done) {
      await sleep(2000);
      continue;
    }
    if (!faultsOff) {
      await ssm.send(
        new PutParameterCommand({
          Name: output(options.outputs, 'Data', 'FaultInjectionParameter'),
          Value: JSON.stringify({ tierConsumer: 0, mailSender: 0 }),
          Type: 'String',
          Overwrite: true,
        }),
      );
      faultsOff = true;
      await sleep(4000);
    }
    // Only the run's own messages go back: the poison message stays, and so does whatever other
    // runs or tests had parked (redriven, it would fail again and keep its queue busy).
    const runCodes = new Set((await runDossiers(options.outputs, options.runId)).map((d) => d.dossierCode));
    const isPoison = (body: string) => options.poison !== undefined && body.includes(options.poison);
    for (const [name, url] of Object.entries(dlqs)) {
      const report = await redrive(
        url,
        output(options.outputs, name.startsWith('Mail') ? 'Mail' : 'Routing', queueOf(name)),
        false,
        { keep: (message) => isPoison(message.body) || !runCodes.has(dossierCodeIn(message.body) ?? '') },
      );
      redriven += report.moved;
      if (report.found.some((message) => isPoison(message.body))) poisonParked = true;
    }
    await sleep(2000);
  }
  const deadLetters: Record<string, number> = {};
  for (const [name, url] of Object.entries(dlqs))
    deadLetters[name] = (await queueDepth(url)) - (options.parkedBefore?.[name] ?? 0);
  if (poisonParked) deadLetters.communeDeadLetterQueueUrl = (deadLetters.communeDeadLetterQueueUrl ?? 1) - 1;
  const poisonStored = options.poison ? await dossierStored(options.outputs, options.poison) : false;
  return { redriven, deadLetters, poisonParked, poisonStored };
}
