/**
 * The working calendar's yearly decisions (days off, make-up working days), stored in the Reference
 * table and read by every function within its cache time: no redeploy. Every write is validated with
 * everything stored and audited (who, when, the entry before and after). See `npm run calendar -- help`.
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { CalendarStore } from '../shared/adapters/calendar-store.ts';
import { documentClient } from '../shared/adapters/dynamodb.ts';
import {
  type CalendarPorts,
  type CalendarWrite,
  importCalendarDecision,
  removeCalendarEntries,
  setCalendarEntry,
} from '../shared/app/calendar/change-calendar.ts';
import type { CalendarEntry } from '../shared/domain/calendar/calendar-entries.ts';
import { holidaysWithCompensation } from '../shared/domain/calendar/holidays.ts';
import { isDomainError } from '../shared/domain/common/errors.ts';
import { CALENDAR_USAGE, parseCalendarArgs } from './lib/calendar-command.ts';
import { readCalendarSeed, readDecisionFile } from './lib/calendar-file.ts';
import { output, readOutputs } from './lib/outputs.ts';

const args = parseCalendarArgs(process.argv.slice(2));
if (!args.ok) {
  console.error(`${args.error.vi}\n${args.error.en}\n\n${CALENDAR_USAGE}`);
  process.exit(2);
}
const { command } = args;
if (command.verb === 'help') {
  console.log(CALENDAR_USAGE);
  process.exit(0);
}

const candidates = args.outputs
  ? [args.outputs]
  : [process.env.MOTCUA_OUTPUTS, 'cdk-outputs.json', '.local/outputs-local.json'].filter(
      (file): file is string => Boolean(file),
    );
const outputsFile = candidates.find((file) => existsSync(file));
if (!outputsFile) {
  console.error(
    `Không tìm thấy tệp kết quả triển khai (${candidates.join(', ')}); chỉ định bằng --outputs\n` +
      `No deployment outputs file found (${candidates.join(', ')}); name one with --outputs`,
  );
  process.exit(2);
}
const store = new CalendarStore(output(readOutputs(outputsFile), 'Data', 'ReferenceTableName'));
const ports: CalendarPorts = { store, now: () => new Date() };

/** Who is writing: `--by`, else the AWS access key the write is signed with (traceable in CloudTrail). */
async function operator(): Promise<string> {
  if (args.ok && args.by) return args.by;
  const credentials = await documentClient.config.credentials();
  return `aws:${credentials.accessKeyId} (${process.env.USER ?? userInfo().username})`;
}

const weekday = (date: string) =>
  ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'][new Date(`${date}T00:00:00Z`).getUTCDay()];
const showEntry = (entry: CalendarEntry) =>
  `${entry.date} ${weekday(entry.date)}\t${entry.kind}${entry.extra ? ' (extra)' : ''}\t${entry.reason}\t${entry.decision}\t${entry.recordedBy}\t${entry.recordedAt}`;
const showWrite = (write: CalendarWrite) =>
  write.changes.length === 0
    ? 'Không có gì thay đổi / nothing changed'
    : write.changes
        .map(({ date, before, after }) => `${date}\t${before?.kind ?? '—'} → ${after?.kind ?? '—'}`)
        .join('\n');

try {
  switch (command.verb) {
    case 'list': {
      const entries = await store.listEntries();
      const thisYear = new Date().getFullYear();
      const years = command.year
        ? [command.year]
        : [
            ...new Set([...entries.map((entry) => Number(entry.date.slice(0, 4))), thisYear, thisYear + 1]),
          ].sort((a, b) => a - b);
      const notes = readCalendarSeed().years;
      for (const year of years) {
        console.log(`== ${year}`);
        if (notes[year]) console.log(`# ${notes[year]}`);
        for (const holiday of holidaysWithCompensation(year).filter((h) => h.date.startsWith(String(year))))
          console.log(
            `${holiday.date} ${weekday(holiday.date)}\tholiday\t${holiday.name}\tBộ luật Lao động 2019`,
          );
        const ofYear = entries.filter((entry) => entry.date.startsWith(String(year)));
        if (ofYear.length === 0) console.log('(chưa có quyết định nào / no decision recorded)');
        for (const entry of ofYear) console.log(showEntry(entry));
      }
      break;
    }
    case 'set': {
      const { date, kind, reason, decision, extra } = command;
      const entry = { date, kind, reason, decision, ...(extra ? { extra } : {}) };
      console.log(showWrite(await setCalendarEntry(ports, entry, await operator())));
      break;
    }
    case 'remove':
      console.log(
        showWrite(await removeCalendarEntries(ports, command.dates, command.decision, await operator())),
      );
      break;
    case 'import':
      console.log(
        showWrite(await importCalendarDecision(ports, readDecisionFile(command.file), await operator())),
      );
      break;
  }
} catch (error) {
  if (!isDomainError(error)) throw error;
  console.error(`${error.bilingual.vi}\n${error.bilingual.en}`);
  for (const field of error.fields)
    console.error(`  ${field.field}: ${field.message.vi} / ${field.message.en}`);
  process.exit(1);
}
