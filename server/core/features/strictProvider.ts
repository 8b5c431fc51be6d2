/**
 * "Postfix: Add Strict Provider Transport...": the text of a dedicated transport for a
 * provider that caps the sessions it accepts, and the edit that appends it to master.cf
 * and main.cf. The pattern keeps the budget below the cap by construction: caching off
 * (so the model's count is exact), one session per destination (a small rate delay),
 * maxproc below the cap, initial concurrency 1, and a failed-cohort limit of 10 so one
 * wave of 421s does not suspend the destination. When the cap leaves room for one
 * session only, a transport rate delay is the simpler control: one delivery at a time
 * over all the provider's domains, however many there are. The budget lab runs what this
 * writes against a receiver that enforces the cap. Served by the
 * `postfix/strictProviderEdit` request.
 */
import { WorkspaceEdit } from 'vscode-languageserver-types';
import { appendLines, workspaceEdit } from '../fixes/edits';
import { visibleSessions } from '../model/budget';
import type { Configuration } from '../model/configuration';
import { FeatureContext } from './context';
import { StrictProviderInput, checkStrictProviderInput } from './strictProviderInput';

export type { StrictProviderInput } from './strictProviderInput';

export interface StrictProviderTexts {
  master: string[];
  main: string[];
  /** The model's peak for the new transport. */
  visible: number;
}

/** What is wrong with the input in this configuration, or undefined. */
export function checkStrictProvider(input: StrictProviderInput, config?: Configuration): string | undefined {
  const problem = checkStrictProviderInput(input);
  if (problem) return problem;
  if (config?.services.some((s) => s.name === input.name)) return `master.cf already has a service named "${input.name}".`;
  return undefined;
}

/** The private/unpriv/chroot columns of the existing smtp client entry, to match the host's style. */
function columnsLike(config?: Configuration): string[] {
  const like = config?.services.find((s) => s.program === 'smtp' && s.type === 'unix');
  const f = like?.entry.fields;
  return f ? [f.private.text, f.unpriv.text, f.chroot.text] : ['-', '-', '-'];
}

const pad = (s: string, width: number): string => (s.length >= width ? `${s} ` : s.padEnd(width));

/** The master.cf and main.cf lines of the pattern (pure; the unit tests read them). */
export function strictProviderTexts(input: StrictProviderInput, config?: Configuration): StrictProviderTexts {
  const { name, maxConnections: cap } = input;
  const destinations = Math.max(1, input.domains.length);
  // Caching off and one session per destination: visible = min(D, maxproc); keep it below the cap.
  const maxproc = Math.max(1, Math.min(destinations, cap - 1));
  // Room for one session only: one delivery at a time over the whole transport says it directly.
  const oneAtATime = maxproc === 1;
  const visible = visibleSessions({ processLimit: maxproc, perDestination: 1, destinations, transportCap: oneAtATime ? 1 : Infinity, caching: false });
  const [priv, unpriv, chroot] = columnsLike(config);
  const master = [
    `# Strict provider "${name}": at most ${maxproc} session${maxproc === 1 ? '' : 's'} at once, none kept idle (its cap is ${cap}; see "@receiver ${name}" in main.cf).`,
    `${pad(name, 10)}unix  ${pad(priv, 8)}${pad(unpriv, 8)}${pad(chroot, 8)}${pad('-', 8)}${pad(String(maxproc), 8)}smtp`,
    `  -o syslog_name=postfix/${name}`,
    '  -o smtp_connection_cache_on_demand=no',
  ];
  const routes = input.domains.length ? input.domains : ['example.net'];
  const width = Math.max(...routes.map((d) => d.length)) + 2;
  const mapName = config?.mainEntry('transport_maps')?.value.text;
  const pace = oneAtATime
    ? ['one delivery at a time over all its domains with a short pause,', [`${name}_transport_rate_delay = 1s`]] as const
    : ['one delivery at a time per destination with a short pause,', [`${name}_destination_concurrency_limit = 1`, `${name}_destination_rate_delay = 1s`]] as const;
  const main = [
    `# Strict provider "${name}": ${pace[0]}`,
    '# a fresh session each time, and ten failed waves before a destination counts as dead.',
    `# @receiver ${name} max-connections=${cap} transports=${name} destinations=${destinations}`,
    `${name}_initial_destination_concurrency = 1`,
    ...pace[1],
    `${name}_destination_concurrency_failed_cohort_limit = 10`,
    `# Route the provider's domains through "${name}" in your transport map${mapName ? ` (transport_maps = ${mapName})` : ''}, then run postmap:`,
    ...routes.map((d) => `#   ${d.padEnd(width)}${name}:`),
  ];
  return { master, main, visible };
}

export interface StrictProviderResult {
  edit?: WorkspaceEdit;
  error?: string;
}

/** The edit that appends the pattern to both files of the configuration. */
export function strictProviderEdit(ctx: FeatureContext, input: StrictProviderInput): StrictProviderResult {
  const domains = Array.isArray(input.domains) ? input.domains.filter((d) => typeof d === 'string') : [];
  const clean = { name: String(input.name ?? ''), maxConnections: Number(input.maxConnections), domains };
  const problem = checkStrictProvider(clean, ctx.config);
  if (problem) return { error: problem };
  if (!ctx.files.master || !ctx.files.main) return { error: 'Open a configuration with both main.cf and master.cf in the same folder.' };
  const texts = strictProviderTexts(clean, ctx.config);
  return {
    edit: workspaceEdit([
      { file: ctx.files.master, edits: [appendLines(ctx.files.master, ['', ...texts.master])] },
      { file: ctx.files.main, edits: [appendLines(ctx.files.main, ['', ...texts.main])] },
    ]),
  };
}
