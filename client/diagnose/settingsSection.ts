/**
 * Section 1 of Diagnose: the settings that bound connections (docs/connection-budget.md), as the server's
 * own postconf sees them, filtered to the transports and receivers being edited.
 */
import { configArgs } from './prelude';
import { shQuote, shWords } from './quote';
import type { DiagnoseInputs, Transport } from './types';

/** Per-transport qmgr parameters (`<transport>_...`) that shape the sessions to one destination. */
const TRANSPORT_SUFFIXES = [
  'destination_concurrency_limit',
  'initial_destination_concurrency',
  'destination_rate_delay',
  'destination_recipient_limit',
  'transport_rate_delay',
];

/** Per-program parameters (`smtp_...`/`lmtp_...`): connection caching and reuse. */
const PROGRAM_SUFFIXES = [
  'connection_cache_on_demand',
  'connection_cache_destinations',
  'connection_cache_time_limit',
  'connection_reuse_time_limit',
  'connection_reuse_count_limit',
];

/** Global parameters behind the per-transport ones and the process limit. */
const GLOBAL_PARAMETERS = [
  'default_process_limit',
  'default_destination_concurrency_limit',
  'default_destination_rate_delay',
  'connection_cache_ttl_limit',
];

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

/** Builds the settings section (shell lines). */
export function settingsSection(inputs: DiagnoseInputs): string[] {
  const c = configArgs(inputs);
  const transports = transportsInScope(inputs);
  const programs = programsInScope(transports);
  const names = [...new Set([...transports.map((t) => t.name), ...programs])];
  const nRegex = `^(${names.map(escapeRegex).join('|')})_(${[...TRANSPORT_SUFFIXES, ...PROGRAM_SUFFIXES].join('|')}) |^${GLOBAL_PATTERN}`;
  const effective = [
    ...GLOBAL_PARAMETERS,
    ...transports.flatMap((t) => TRANSPORT_SUFFIXES.map((s) => `${t.name}_${s}`)),
    ...programs.flatMap((p) => PROGRAM_SUFFIXES.map((s) => `${p}_${s}`)),
  ];
  const services = transports.map((t) => `${t.name}/${t.type}`);
  const pRegex = `^(${transports.map((t) => escapeRegex(t.name)).join('|')})/`;
  return [
    `pf_heading ${shQuote(`1. Settings in effect for the transports ${transports.map((t) => t.name).join(', ')}`)}`,
    'if pf_have postconf; then',
    `  pf_sub 'main.cf, set explicitly (postconf -n)'`,
    `  postconf${c} -n 2>/dev/null | grep -E ${shQuote(nRegex)} | pf_indent '(none of these set in main.cf)'`,
    `  pf_sub 'values in effect, defaults included (postconf -x)'`,
    `  postconf${c} -x ${shWords(effective)} 2>&1 | pf_indent ''`,
    `  pf_sub 'master.cf service lines, maxproc is column 7 (postconf -M)'`,
    `  postconf${c} -M ${shWords(services)} 2>&1 | pf_indent ''`,
    `  pf_sub 'master.cf -o overrides (postconf -P)'`,
    `  postconf${c} -P 2>/dev/null | grep -E ${shQuote(pRegex)} | pf_indent '(none)'`,
    'else',
    `  pf_missing postconf 'is Postfix installed on this host?'`,
    'fi',
    ...receiverLines(inputs),
  ];
}

function receiverLines(inputs: DiagnoseInputs): string[] {
  if (!inputs.receivers.length) return [`pf_sub 'receivers: none declared (@receiver) in the configuration being edited'`];
  return [
    `pf_sub 'receivers declared in the configuration being edited'`,
    ...inputs.receivers.map(
      (r) => `printf '  %s: at most %s sessions, via %s\\n' ${shQuote(r.name)} ${shQuote(String(r.maxConnections))} ${shQuote(r.transports.join(' ') || '(no transport)')}`,
    ),
  ];
}

/** Escapes the regex metacharacters a validated service name can hold (only `.`). */
function escapeRegex(name: string): string {
  return name.replace(/[.]/g, '\\.');
}
