/**
 * "Postfix: Add Strict Provider Transport...": the text of a dedicated transport for a
 * provider that caps the sessions it accepts, and the edit that appends it to master.cf
 * and main.cf. The pattern keeps the budget below the cap by construction: caching off
 * (so the model's count is exact), one session per destination (a small rate delay),
 * maxproc below the cap, initial concurrency 1, and a failed-cohort limit of 10 so one
 * wave of 421s does not suspend the destination. When the cap leaves room for one
 * session only, a transport rate delay is the simpler control: one delivery at a time
 * over all the provider's domains, however many there are. The budget lab runs what this
 * writes against a receiver that enforces the cap. The edit itself is in
 * strictProviderEdit.ts.
 */
import { visibleSessions } from '../model/budget';
import type { Configuration } from '../model/configuration';
import { StrictProviderInput } from './strictProviderInput';

export type { StrictProviderInput } from './strictProviderInput';

export interface StrictProviderTexts {
  master: string[];
  main: string[];
  /** The model's peak for the new transport. */
  visible: number;
}

/** The private/unpriv/chroot columns of the existing smtp client entry, to match the host's style. */
function columnsLike(config?: Configuration): string[] {
  const like = config?.services.find((s) => s.program === 'smtp' && s.type === 'unix');
  const f = like?.entry.fields;
  return f ? [f.private.text, f.unpriv.text, f.chroot.text] : ['-', '-', '-'];
}

const pad = (s: string, width: number): string => (s.length >= width ? `${s} ` : s.padEnd(width));

/** The numbers of the pattern: maxproc, and how deliveries are paced. */
export interface StrictProviderPlan {
  destinations: number;
  maxproc: number;
  /** Room for one session only: one delivery at a time over the whole transport. */
  oneAtATime: boolean;
  /** Why the pace, for the header comment. */
  paceWords: string;
  /** main.cf settings of the pace: a transport rate delay, or a limit of 1 with a destination rate delay. */
  pace: [string, string][];
  visible: number;
}

/** The pattern's numbers for `input`: caching off, one session per destination, maxproc below the cap. */
export function strictProviderPlan(input: StrictProviderInput): StrictProviderPlan {
  const { name, maxConnections: cap } = input;
  const destinations = Math.max(1, input.domains.length);
  // Caching off and one session per destination: visible = min(D, maxproc); keep it below the cap.
  const maxproc = Math.max(1, Math.min(destinations, cap - 1));
  // Room for one session only: one delivery at a time over the whole transport says it directly.
  const oneAtATime = maxproc === 1;
  const visible = visibleSessions({ processLimit: maxproc, perDestination: 1, destinations, transportCap: oneAtATime ? 1 : Infinity, caching: false });
  return oneAtATime
    ? { destinations, maxproc, oneAtATime, visible, paceWords: 'one delivery at a time over all its domains with a short pause,', pace: [[`${name}_transport_rate_delay`, '1s']] }
    : {
      destinations, maxproc, oneAtATime, visible, paceWords: 'one delivery at a time per destination with a short pause,',
      pace: [[`${name}_destination_concurrency_limit`, '1'], [`${name}_destination_rate_delay`, '1s']],
    };
}

/** The master.cf and main.cf lines of the pattern (pure; the unit tests read them). */
export function strictProviderTexts(input: StrictProviderInput, config?: Configuration): StrictProviderTexts {
  const { name, maxConnections: cap } = input;
  const { destinations, maxproc, visible, paceWords, pace } = strictProviderPlan(input);
  const [priv, unpriv, chroot] = columnsLike(config);
  const master = [
    `# Strict provider "${name}": at most ${maxproc} session${maxproc === 1 ? '' : 's'} at once, none kept idle (its cap is ${cap}; see "@receiver ${name}" in main.cf).`,
    `${pad(name, 10)}unix  ${pad(priv, 8)}${pad(unpriv, 8)}${pad(chroot, 8)}${pad('-', 8)}${pad(String(maxproc), 8)}smtp`,
    `  -o syslog_name=postfix/${name}`,
    '  -o smtp_connection_cache_on_demand=no',
  ];
  const main = [
    ...headerLines(name, paceWords),
    directiveLine(name, cap, destinations),
    ...controlPairs(name, pace).map(([k, v]) => `${k} = ${v}`),
    ...routeLines(input, config),
  ];
  return { master, main, visible };
}

/** The comment that says what the pattern does. */
export function headerLines(name: string, paceWords: string): string[] {
  return [`# Strict provider "${name}": ${paceWords}`, '# a fresh session each time, and ten failed waves before a destination counts as dead.'];
}

export function directiveLine(name: string, cap: number, destinations: number): string {
  return `# @receiver ${name} max-connections=${cap} transports=${name} destinations=${destinations}`;
}

/** The main.cf controls: initial concurrency 1, the pace, a failed-cohort limit of 10. */
export function controlPairs(name: string, pace: readonly [string, string][]): [string, string][] {
  return [[`${name}_initial_destination_concurrency`, '1'], ...pace, [`${name}_destination_concurrency_failed_cohort_limit`, '10']];
}

/** The transport map lines to add, as comments (the map is not ours to edit). */
export function routeLines(input: StrictProviderInput, config?: Configuration): string[] {
  const { name } = input;
  const routes = input.domains.length ? input.domains : ['example.net'];
  const width = Math.max(...routes.map((d) => d.length)) + 2;
  const mapName = config?.mainEntry('transport_maps')?.value.text;
  return [
    `# Route the provider's domains through "${name}" in your transport map${mapName ? ` (transport_maps = ${mapName})` : ''}, then run postmap:`,
    ...routes.map((d) => `#   ${d.padEnd(width)}${name}:`),
  ];
}
