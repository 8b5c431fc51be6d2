/**
 * postfix-lint: checks Postfix configurations from the command line with the same core as
 * the language server, for CI pipelines and Git hooks. Output on stdout (text, JSON or
 * SARIF), a summary on stderr, and an exit status scripts can test.
 */
import { AnalysisSettings, createLanguageService, releaseFor } from './core/languageService';
import { countBySeverity, lint } from './cli/check';
import { InputError, loadTargets } from './cli/load';
import { USAGE, parseCommand } from './cli/options';
import { formatJson, formatSummary, formatText } from './cli/report';
import { formatSarif } from './cli/sarif';
import { reviewUpgrades, upgradeFails, upgradeJson, upgradeSarif, upgradeText } from './cli/upgrade';
import { explainLogs } from './cli/explainLog';

const EXIT_CLEAN = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;

function main(argv: readonly string[]): number | Promise<number> {
  const command = parseCommand(argv);
  const version: string = require('../package.json').version;
  switch (command.kind) {
    case 'help':
      process.stdout.write(USAGE);
      return EXIT_CLEAN;
    case 'version':
      process.stdout.write(`postfix-lint ${version}\n`);
      return EXIT_CLEAN;
    case 'usage-error':
      process.stderr.write(`postfix-lint: ${command.message}\n\n${USAGE}`);
      return EXIT_USAGE;
  }
  if (command.kind === 'explain') return explain(command.options);
  const { options } = command;
  const service = createLanguageService();
  let targets;
  try {
    targets = loadTargets(service, options.paths);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    process.stderr.write(`postfix-lint: ${e.message}\n`);
    return EXIT_USAGE;
  }
  const settings: AnalysisSettings = { version: options.version, levels: options.levels, receivers: [] };
  if (options.upgradeFrom !== undefined) {
    const run = reviewUpgrades(service, targets, settings, options.upgradeFrom);
    if (run.error !== undefined) {
      process.stderr.write(`postfix-lint: ${run.error}\n`);
      return EXIT_USAGE;
    }
    if (options.format === 'json') process.stdout.write(upgradeJson(run, { version }));
    else if (options.format === 'sarif') process.stdout.write(upgradeSarif(run, { version, cwd: process.cwd() }));
    else process.stdout.write(upgradeText(run));
    return run.reviews.some((r) => upgradeFails(r.review, options.strict)) ? EXIT_FINDINGS : EXIT_CLEAN;
  }
  const result = lint(service, targets, settings);
  const postfixVersion = releaseFor(options.version).name;
  if (options.format === 'json') process.stdout.write(formatJson(result, { version, postfixVersion }));
  else if (options.format === 'sarif') process.stdout.write(formatSarif(result, { version, cwd: process.cwd() }));
  else process.stdout.write(formatText(result));
  process.stderr.write(formatSummary(result));
  const { errors, warnings } = countBySeverity(result.findings);
  return errors > 0 || (options.strict && warnings > 0) ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** --explain-log: the report on stdout, a one-line summary on stderr; 2 for unreadable input. */
async function explain(options: Parameters<typeof explainLogs>[1]): Promise<number> {
  try {
    const { output, summary } = await explainLogs(createLanguageService(), options);
    process.stdout.write(output);
    process.stderr.write(summary);
    return EXIT_CLEAN;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    process.stderr.write(`postfix-lint: ${e.message}\n`);
    return EXIT_USAGE;
  }
}

const status = main(process.argv.slice(2));
if (typeof status === 'number') process.exitCode = status;
else void status.then((code) => { process.exitCode = code; });
