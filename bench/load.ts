/**
 * Load with client retries: N dossiers submitted through the deployed API by a bounded pool of
 * clients that retry timeouts, refused connections, 5xx, 429 and "in progress" answers with the same
 * `Idempotency-Key`, and deliberately send a share of the requests a second time with the same key.
 * Afterwards everything is counted from the emulator's state: N dossiers for the run's marker, none
 * with a receipt yet (online dossiers wait for the desk), N routed, N "submitted" mails recorded by
 * the emulator's SES.
 *   AWS_ENDPOINT_URL=… npx tsx bench/load.ts [dossiers=10000] [concurrency=8] [resend-share=0.1] [outputs-file]
 * Options (the fault run, scripts/fault-run.sh, uses them):
 *   --fault-rate=R     set the handlers' failure share in the fault-injection parameter for the run
 *   --poison           put a malformed message on the commune tier queue; it must end in its DLQ only
 *   --restart=CMD      run CMD (which restarts the emulator) once half the dossiers are accepted
 *   --settle=S         seconds to wait for routing and mail to finish (default 600)
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  drainFaultRun,
  parkedMessages,
  putPoisonMessage,
  type RunClientStats,
  setFaultRates,
  submitRun,
} from '../scripts/lib/load-run.ts';
import { deployedApi } from '../scripts/lib/outputs.ts';
import { countRun, type RunCounts } from '../scripts/lib/run-state.ts';

const flags = Object.fromEntries(
  process.argv
    .slice(2)
    .filter((arg) => arg.startsWith('--'))
    .map((arg) => {
      const [key = '', ...value] = arg.slice(2).split('=');
      return [key, value.join('=') || 'true'];
    }),
);
const [countArg = '10000', concurrencyArg = '8', resendArg = '0.1', outputsArg] = process.argv
  .slice(2)
  .filter((arg) => !arg.startsWith('--'));
const total = Number(countArg);
const concurrency = Number(concurrencyArg);
const resendShare = Number(resendArg);
const endpoint = process.env.AWS_ENDPOINT_URL;
if (!endpoint) throw new Error('bench/load.ts counts from the emulator: set AWS_ENDPOINT_URL');
const { outputs, base } = deployedApi(outputsArg, endpoint);
const faultRate = flags['fault-rate'] === undefined ? undefined : Number(flags['fault-rate']);
const settleSeconds = Number(flags.settle ?? 600);
const runId = randomUUID().slice(0, 8);

const parkedBefore = await parkedMessages(outputs);
if (faultRate !== undefined) await setFaultRates(outputs, { tierConsumer: faultRate, mailSender: faultRate });
const poison = flags.poison ? await putPoisonMessage(outputs, runId) : undefined;

let restartedAt: number | undefined;
let restarted: Promise<void> = Promise.resolve();
const started = Date.now();
const client: RunClientStats = await submitRun({
  base,
  runId,
  total,
  concurrency,
  resendShare,
  onProgress: (accepted) => {
    if (accepted % 1000 === 0)
      console.log(`${accepted} accepted after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (flags.restart && restartedAt === undefined && accepted >= total / 2) {
      restartedAt = (Date.now() - started) / 1000;
      console.log(`restarting the emulator after ${accepted} dossiers (${restartedAt.toFixed(0)} s)…`);
      // In the background: the submitters keep going, their requests fail while it is down and are retried.
      const child = spawn(String(flags.restart), { shell: true, stdio: 'inherit' });
      restarted = new Promise((done, fail) =>
        child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`restart exited with ${code}`)))),
      );
    }
  },
});
await restarted;
const submitSeconds = (Date.now() - started) / 1000;
console.log(
  `${client.accepted} dossiers accepted in ${submitSeconds.toFixed(1)} s; waiting for routing and mail…`,
);

const settled = Date.now();
const expectMail = (counts: RunCounts) =>
  counts.routed >= client.accepted &&
  (flags.restart ? counts.mailsLogged : counts.mailedAddresses) >= client.accepted;
const drained = await drainFaultRun({
  outputs,
  endpoint,
  runId,
  timeoutMs: settleSeconds * 1000,
  done: expectMail,
  resetFaults: faultRate !== undefined,
  poison,
  parkedBefore,
});
const settleTimeSeconds = (Date.now() - settled) / 1000;
const counts = await countRun(outputs, endpoint, runId);

const checks = {
  'dossiers = N': counts.dossiers === total,
  'no dossier stored twice': counts.distinctIndexes === counts.dossiers,
  'no receipt before reception': counts.signedReceipts === 0,
  'routed = N': counts.routed === total,
  // The emulator forgets its sent-mail list on a restart; the Mail table keeps every send with SES's id.
  'mails = N': flags.restart
    ? counts.mailsLogged === total
    : counts.mails === total && counts.mailedAddresses === total && counts.mailsLogged === total,
  'resent requests answered with the first dossier': client.resendMismatches === 0,
  'no message left in a DLQ by the run (poison message aside)': Object.values(drained.deadLetters).every(
    (n) => n === 0,
  ),
  ...(poison
    ? { 'poison message in the DLQ, not processed': drained.poisonParked && !drained.poisonStored }
    : {}),
};
const pct = (p: number) =>
  client.latenciesMs[
    Math.min(client.latenciesMs.length - 1, Math.ceil((p / 100) * client.latenciesMs.length) - 1)
  ];
const result = {
  date: new Date().toISOString(),
  runId,
  dossiers: total,
  concurrency,
  resendShare,
  faultRate,
  poison: Boolean(poison),
  restartedAtSeconds: restartedAt,
  submitSeconds,
  acceptedPerSecond: Number((client.accepted / submitSeconds).toFixed(1)),
  latencyMs: { p50: pct(50), p99: pct(99), max: client.latenciesMs.at(-1) },
  client: { ...client, latenciesMs: undefined },
  settleSeconds: settleTimeSeconds,
  redriven: drained.redriven,
  deadLetters: drained.deadLetters,
  counts,
  checks,
};
console.table({
  'dossiers asked (N)': total,
  'accepted (201)': client.accepted,
  'accepted per second': result.acceptedPerSecond,
  'latency p50 / p99 (ms, retries included)': `${pct(50)} / ${pct(99)}`,
  'requests sent (retries and resends included)': client.requests,
  'retries (timeouts, refused, 5xx, 429, in progress)': client.retries,
  'deliberate resends, same key / answered with another dossier': `${client.resends} / ${client.resendMismatches}`,
  'gave up': client.gaveUp,
  ...(restartedAt === undefined ? {} : { 'emulator restarted at (s)': restartedAt.toFixed(0) }),
  'stored dossiers': counts.dossiers,
  'signed receipts': counts.signedReceipts,
  routed: counts.routed,
  'mails recorded by SES / distinct addresses': `${counts.mails} / ${counts.mailedAddresses}`,
  'submitted mails sent per the Mail table': counts.mailsLogged,
  'messages redriven from DLQs': drained.redriven,
  'settle time (s)': settleTimeSeconds.toFixed(0),
});
console.table(Object.entries(checks).map(([check, ok]) => ({ check, result: ok ? 'ok' : 'FAILED' })));
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  `bench/results/load-${result.date.replace(/[:.]/g, '-')}.json`,
  `${JSON.stringify(result, null, 2)}\n`,
);
process.exit(Object.values(checks).every(Boolean) ? 0 : 1);
