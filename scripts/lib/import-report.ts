import type { ImportIssue } from '../../shared/domain/intake/catalog-import.ts';

/** `<cdk-outputs.json> <file> [--dry-run]`, the arguments every all-or-nothing import command takes. */
export function importArguments(usage: string): { outputsFile: string; file: string; dryRun: boolean } {
  const args = process.argv.slice(2);
  const [outputsFile, file] = args.filter((arg) => arg !== '--dry-run');
  if (!outputsFile || !file) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return { outputsFile, file, dryRun: args.includes('--dry-run') };
}

/** Prints the line-level report of a refused file and exits 1; returns when there is nothing to report. */
export function exitOnImportIssues(issues: readonly ImportIssue[]): void {
  if (issues.length === 0) return;
  console.log('line\tfield\treason');
  for (const issue of issues)
    console.log(`${issue.line}\t${issue.field}\t${issue.reason.vi} / ${issue.reason.en}`);
  console.log(`${issues.length} problems: nothing was imported.`);
  process.exit(1);
}
