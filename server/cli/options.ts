/**
 * Command-line options of postfix-lint, parsed strictly: anything unexpected is a usage
 * error (exit 2) with a message that says what to type instead.
 */
import { parseArgs } from 'node:util';
import { CODES, LEVELS, Level, isCode } from '../core/languageService';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'html';

export interface LintOptions {
  /** Configuration directories, or main.cf / master.cf files. */
  paths: string[];
  format: OutputFormat;
  /** The Postfix release to check against; undefined means the newest. */
  version?: string;
  /** --severity CODE=LEVEL and --disable CODE ("off"), by code. */
  levels: Map<string, Level>;
  /** Warnings fail the run too (with --upgrade-from: any change the upgrade makes). */
  strict: boolean;
  /** --upgrade-from: print the upgrade review from this release to `version` instead of the findings. */
  upgradeFrom?: string;
}

/** postfix-lint --explain-log FILE... [--config DIR]: a Postfix log explained. */
export interface ExplainOptions {
  /** Log files, oldest first (rotated files, gzip-compressed or not). */
  logs: string[];
  /** The configuration directory (or main.cf / master.cf) that wrote the log. */
  config?: string;
  format: 'text' | 'json' | 'html';
  version?: string;
}

export type ParsedCommand =
  | { kind: 'lint'; options: LintOptions }
  | { kind: 'explain'; options: ExplainOptions }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string };

export const USAGE = `usage: postfix-lint [options] PATH...
       postfix-lint --explain-log FILE [--explain-log FILE...] [--config DIR] [--format text|json|html]

Checks Postfix configurations the way postconf and the daemons read them.
PATH is a configuration directory (holding main.cf and/or master.cf) or a
main.cf / master.cf file (its sibling in the same directory is read for context).

options:
  --format text|json|sarif   output format (default: text, compiler style)
  --postfix-version V        check against release V: 3.7, 3.9.14, latest (default)
  --severity CODE=LEVEL      report CODE as error, warning, information or hint,
                             or not at all (off); repeatable, or comma-separated
  --disable CODE[,CODE]      the same as --severity CODE=off (repeatable)
  --strict                   exit 1 on warnings too, not only on errors
  --upgrade-from V           instead of the findings, review what upgrading from
                             release V to --postfix-version changes (exit 1 when a
                             name goes unused or a receiver goes over its cap;
                             with --strict, on any change)
  --explain-log FILE         explain a Postfix log: sessions over time per receiver,
                             what was open at each 421, the receiver's cap, retry waves;
                             repeat for rotated files, oldest first (.gz is read too)
  --config DIR               with --explain-log: the configuration that wrote the log
                             (transports, cache times, # @receiver caps)
  --format html              with --explain-log: one self-contained HTML file with charts
  -h, --help                 show this help
  -v, --version              show the version

exit status: 0 no errors, 1 errors found (or warnings with --strict),
             2 usage error or unreadable input
`;

const VERSION_PATTERN = /^(latest|\d+\.\d+(\.\d+|-dev|-\d{8})?)$/;
const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'html'];

/** Parses argv (without node and the script); never throws. */
export function parseCommand(argv: readonly string[]): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        'postfix-version': { type: 'string' },
        disable: { type: 'string', multiple: true },
        severity: { type: 'string', multiple: true },
        strict: { type: 'boolean' },
        'upgrade-from': { type: 'string' },
        'explain-log': { type: 'string', multiple: true },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    return { kind: 'usage-error', message: (e as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const format = (values.format ?? 'text') as OutputFormat;
  if (!FORMATS.includes(format)) return { kind: 'usage-error', message: `unknown --format "${values.format}"; use text, json, sarif or html` };
  const version = values['postfix-version'];
  if (version !== undefined && !VERSION_PATTERN.test(version)) {
    return { kind: 'usage-error', message: `--postfix-version "${version}" is not a release such as 3.7, 3.9.14 or latest` };
  }
  const logs = values['explain-log'];
  if (logs?.length) {
    if (format === 'sarif') return { kind: 'usage-error', message: '--format sarif is for configurations; --explain-log writes text, json or html' };
    if (positionals.length) return { kind: 'usage-error', message: '--explain-log takes no configuration path; give it with --config DIR' };
    return { kind: 'explain', options: { logs, config: values.config, format, version: version === 'latest' ? undefined : version } };
  }
  if (format === 'html') return { kind: 'usage-error', message: '--format html is for --explain-log FILE' };
  if (values.config !== undefined) return { kind: 'usage-error', message: '--config goes with --explain-log FILE; to check a configuration, give its directory as PATH' };
  // Checked with the releases in hand (the message lists the known ones): see cli/upgrade.ts.
  const upgradeFrom = values['upgrade-from'];
  const levels = new Map<string, Level>();
  const words = (list: string[] | undefined): string[] => (list ?? []).flatMap((v) => v.split(',')).map((c) => c.trim()).filter(Boolean);
  for (const code of words(values.disable)) {
    if (!isCode(code)) return unknownCode(code, '--disable');
    levels.set(code, 'off');
  }
  for (const pair of words(values.severity)) {
    const m = /^([^=]+)=(.*)$/.exec(pair);
    if (!m) return { kind: 'usage-error', message: `--severity "${pair}" is not CODE=LEVEL` };
    if (!isCode(m[1])) return unknownCode(m[1], '--severity');
    if (!(LEVELS as readonly string[]).includes(m[2])) return { kind: 'usage-error', message: `--severity ${m[1]}: unknown level "${m[2]}"; use ${LEVELS.join(', ')}` };
    levels.set(m[1], m[2] as Level);
  }
  if (!positionals.length) return { kind: 'usage-error', message: 'no configuration directory or file given' };
  return {
    kind: 'lint',
    options: {
      paths: positionals, format, version: version === 'latest' ? undefined : version, levels, strict: !!values.strict,
      ...(upgradeFrom !== undefined ? { upgradeFrom } : {}),
    },
  };
}

function unknownCode(code: string, option: string): ParsedCommand {
  return { kind: 'usage-error', message: `unknown code "${code}" in ${option}; codes: ${Object.keys(CODES).join(', ')}` };
}
