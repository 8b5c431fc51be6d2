/**
 * Section 1 of Diagnose: the settings that bound connections (docs/connection-budget.md), as the server's
 * own postconf sees them, filtered to the transports and receivers being edited.
 */
import { configArgs } from './prelude';
import { shQuote, shWords } from './quote';
import type { DiagnoseInputs, Transport } from './types';

/**
 * Per-transport qmgr parameters (`<transport>_...`) that shape the sessions to one
 * destination, and the failed-cohort limit that decides when one wave of 421s suspends it.
 */
const TRANSPORT_SUFFIXES = [
  'destination_concurrency_limit',
  'initial_destination_concurrency',
  'destination_concurrency_failed_cohort_limit',
  'destination_rate_delay',
  'transport_rate_delay',
  'destination_recipient_limit',
];

/**
 * Per-program parameters (`smtp_...`/`lmtp_...`): connection caching and reuse, and the TLS
 * settings that decide whether sessions can be cached at all (docs/connection-budget.md).
 */
const PROGRAM_SUFFIXES = [
  'connection_cache_on_demand',
  'connection_cache_destinations',
  'connection_cache_time_limit',
  'connection_reuse_time_limit',
  'connection_reuse_count_limit',
  'tls_security_level',
  'tls_connection_reuse',
];

/** Global parameters behind the per-transport ones and the process limit. */
const GLOBAL_PARAMETERS = [
  'default_process_limit',
  'default_destination_concurrency_limit',
  'default_destination_concurrency_failed_cohort_limit',
  'default_destination_rate_delay',
  'default_transport_rate_delay',
  'connection_cache_ttl_limit',
];

/**
 * Marks the values an `-o` on the transport's own master.cf line sets (from `postconf -P`,
 * in PF_P): the smtp/lmtp client reads them there; qmgr's per-transport names it does not.
 */
const OVERRIDE_AWK = [
  'BEGIN { n = split(ENVIRON["PF_P"], l, "\\n"); for (i = 1; i <= n; i++) if (index(l[i], svc) == 1) { s = substr(l[i], length(svc) + 1); k = s; sub(/ = .*$/, "", k); v = s; sub(/^[^=]*= ?/, "", v); o[k] = v } }',
  '{ k = $1; if ((k in o) && k ~ /^(smtp|lmtp)_/) print k " = " o[k] "   (-o on " name ")"; else print }',
].join('\n');

/** Prefixes of `postconf -n` lines worth showing, besides the transports' own names. */
const GLOBAL_PATTERN =
  '(default_process_limit|default_destination_|initial_destination_concurrency|default_transport_rate_delay|connection_cache_|transport_maps|relayhost|default_transport|relay_transport|sender_dependent_)';

/** The transports to look at: those reported, plus any a receiver names; `smtp` when none. */
export function transportsInScope(inputs: DiagnoseInputs): Transport[] {
  const list = [...inputs.transports];
  for (const r of inputs.receivers) {
    for (const name of r.transports) if (!list.some((t) => t.name === name)) list.push({ name, type: 'unix', program: 'smtp' });
  }
  return list.length ? list : [{ name: 'smtp', type: 'unix', program: 'smtp' }];
}

/** The smtp/lmtp programs behind the transports (which `smtp_*`/`lmtp_*` names apply). */
export function programsInScope(transports: readonly Transport[]): string[] {
  const programs = transports.map((t) => t.program).filter((p) => p === 'smtp' || p === 'lmtp');
  return [...new Set(programs.length ? programs : ['smtp'])];
}

/** Builds the settings section (shell lines). Every postconf failure is shown, in one line. */
export function settingsSection(inputs: DiagnoseInputs): string[] {
  const c = configArgs(inputs);
  const transports = transportsInScope(inputs);
  const programs = programsInScope(transports);
  const names = [...new Set([...transports.map((t) => t.name), ...programs])];
  const nRegex = `^(${names.map(escapeRegex).join('|')})_(${[...TRANSPORT_SUFFIXES, ...PROGRAM_SUFFIXES].join('|')}) |^${GLOBAL_PATTERN}`;
  const services = transports.map((t) => `${t.name}/${t.type}`);
  const pRegex = `^(${transports.map((t) => escapeRegex(t.name)).join('|')})/`;
  return [
    `pf_heading ${shQuote(`1. Settings in effect for the transports ${transports.map((t) => t.name).join(', ')}`)}`,
    'if [ -z "$PF_CONF_ERR" ]; then',
    `  pf_sub 'main.cf, set explicitly (postconf -n)'`,
    `  pf_cmd 'postconf -n' postconf${c} -n && printf '%s\\n' "$PF_OUT" | grep -E ${shQuote(nRegex)} | pf_indent '(none of these set in main.cf)'`,
    `  pf_sub 'values in effect, defaults included (postconf -x)'`,
    `  pf_cmd 'postconf -x' postconf${c} -x ${shWords(GLOBAL_PARAMETERS)} && printf '%s\\n' "$PF_OUT" | pf_indent ''`,
    `  if pf_cmd 'postconf -P' postconf${c} -P; then PF_P=$PF_OUT; else PF_P=; fi`,
    ...transports.flatMap((t) => transportLines(t, c)),
    `  pf_sub 'master.cf service lines, maxproc is column 7 (postconf -M)'`,
    `  pf_cmd 'postconf -M' postconf${c} -M ${shWords(services)} && printf '%s\\n' "$PF_OUT" | pf_indent ''`,
    `  pf_sub 'master.cf -o overrides (postconf -P)'`,
    `  printf '%s\\n' "$PF_P" | grep -E ${shQuote(pRegex)} | pf_indent '(none)'`,
    'else',
    `  printf '  (not run: postconf cannot read the configuration)\\n'`,
    'fi',
    ...receiverLines(inputs),
  ];
}

/** One transport's limits, failed-cohort limit, rate delays and caching in effect, its own -o marked. */
function transportLines(t: Transport, c: string): string[] {
  const prefix = t.program === 'lmtp' ? 'lmtp' : 'smtp';
  const names = [...TRANSPORT_SUFFIXES.map((s) => `${t.name}_${s}`), ...PROGRAM_SUFFIXES.map((s) => `${prefix}_${s}`)];
  return [
    `  pf_sub ${shQuote(`transport ${t.name} (${t.program}): limits, failed-cohort limit, rate delays and caching in effect`)}`,
    `  pf_cmd ${shQuote(`postconf -x for ${t.name}`)} postconf${c} -x ${shWords(names)} && printf '%s\\n' "$PF_OUT" | PF_P="$PF_P" awk -v svc=${shQuote(`${t.name}/${t.type}/`)} -v name=${shQuote(t.name)} ${shQuote(OVERRIDE_AWK)} | pf_indent ''`,
  ];
}

function receiverLines(inputs: DiagnoseInputs): string[] {
  if (!inputs.receivers.length) return [`pf_sub 'receivers: none declared (@receiver) in the configuration being edited'`];
  return [
    `pf_sub 'receivers declared in the configuration being edited'`,
    ...inputs.receivers.map(
      (r) => `printf '  %s: at most %s, via %s\\n' ${shQuote(r.name)} ${shQuote(`${r.maxConnections} session${r.maxConnections === 1 ? '' : 's'}`)} ${shQuote(r.transports.join(' ') || '(no transport)')}`,
    ),
  ];
}

/** Escapes the regex metacharacters a validated service name can hold (only `.`). */
function escapeRegex(name: string): string {
  return name.replace(/[.]/g, '\\.');
}
