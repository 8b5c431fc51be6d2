/**
 * The controlled cache test and its restore. The test switches on-demand connection caching
 * off and shortens the cache time, so that idle cached sessions (held by scache, outside the
 * process limit, see docs/connection-budget.md) stop adding to what a receiver sees. It first saves the current
 * main.cf values in a file on the server; Restore puts exactly those back.
 *
 * The commands that change the server are written into the script literally, so the
 * confirmation can show the very lines that will run.
 */
import { configArgs, EPILOGUE, prelude, sudoPrefix } from './prelude';
import { shQuote, shWords } from './quote';
import { programsInScope, transportsInScope } from './settingsSection';
import type { DiagnoseInputs } from './types';

/** Where the saved values live on the server (in the home of the user who runs the test). */
export const SAVED_FILE = '"$HOME/.postfix-lsp-cache-test.saved"';

/** Values set for the test: no on-demand caching, and cached sessions dropped after 1 s. */
const TEST_VALUES: readonly [suffix: string, value: string][] = [
  ['connection_cache_on_demand', 'no'],
  ['connection_cache_time_limit', '1s'],
];

/** A script that changes the server, and the exact commands to show before it runs. */
export interface ChangePlan {
  /** Commands that change or read the server's settings, in the order they run. */
  commands: string[];
  script: string;
}

/** The parameter names the test touches: smtp_* and/or lmtp_*, after the transports' programs. */
export function cacheTestParameters(inputs: DiagnoseInputs): string[] {
  return programsInScope(transportsInScope(inputs)).flatMap((p) => TEST_VALUES.map(([s]) => `${p}_${s}`));
}

/** Builds the Controlled Cache Test script: save, change, reload, print how to restore. */
export function buildCacheTestPlan(inputs: DiagnoseInputs): ChangePlan {
  const c = configArgs(inputs);
  const sudo = sudoPrefix(inputs);
  const params = cacheTestParameters(inputs);
  const settings = programsInScope(transportsInScope(inputs)).flatMap((p) => TEST_VALUES.map(([s, v]) => `${p}_${s}=${v}`));
  const save = `postconf${c} -n ${params.join(' ')} > ${SAVED_FILE}`;
  const change = `${sudo}postconf${c} -e ${shWords(settings)}`;
  const reload = `${sudo}postfix${c} reload`;
  const script = [
    ...prelude(inputs, 'Postfix: Controlled Cache Test'),
    `pf_saved=${SAVED_FILE}`,
    `if [ -e "$pf_saved" ]; then printf 'A cache test already ran here and was not restored: %s holds the values to put back. Run "Postfix: Restore After Cache Test" first.\\n' "$pf_saved"; exit 1; fi`,
    `pf_have postconf || { pf_missing postconf 'the test cannot run'; exit 1; }`,
    `pf_heading '1. Save the current values'`,
    'umask 077',
    `${save} || { rm -f "$pf_saved"; printf 'could not save the current values: nothing was changed\\n'; exit 1; }`,
    `printf '  saved in %s:\\n' "$pf_saved"`,
    `pf_indent '(none set in main.cf: restoring removes them again)' < "$pf_saved"`,
    `pf_sub 'master.cf -o overrides of these win over main.cf, and the test leaves them as they are'`,
    `postconf${c} -P 2>/dev/null | grep -E ${shQuote(`/(${params.join('|')}) =`)} | pf_indent '(none)'`,
    `pf_heading '2. Switch on-demand caching off and shorten the cache time'`,
    `${change} || { printf 'postconf -e failed: nothing was reloaded\\n'; exit 1; }`,
    `pf_heading '3. Reload Postfix'`,
    `${reload} || printf 'postfix reload failed: the new values take effect at the next reload\\n'`,
    `pf_heading 'To restore: run "Postfix: Restore After Cache Test", or these commands'`,
    `pf_q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\\\\\''/g")"; }`,
    ...params.flatMap((p) => restoreDisplayLines(p, c, sudo)),
    `printf '  %s\\n' ${shQuote(reload)}`,
    ...EPILOGUE,
    '',
  ].join('\n');
  return { commands: [save, change, reload], script };
}

/** Builds the Restore After Cache Test script: put the saved values back, reload. */
export function buildRestorePlan(inputs: DiagnoseInputs): ChangePlan {
  const c = configArgs(inputs);
  const sudo = sudoPrefix(inputs);
  const params = cacheTestParameters(inputs);
  const restoreOne = (p: string): string =>
    `pf_line=$(grep -E '^${p} = ' "$pf_saved"); if [ -n "$pf_line" ]; then ${sudo}postconf${c} -e "$pf_line"; else ${sudo}postconf${c} -X ${p}; fi || exit 1`;
  const reload = `${sudo}postfix${c} reload`;
  const lines = params.map(restoreOne);
  const script = [
    ...prelude(inputs, 'Postfix: Restore After Cache Test'),
    `pf_saved=${SAVED_FILE}`,
    `if [ ! -e "$pf_saved" ]; then printf 'Nothing to restore: %s does not exist (no cache test ran here, or it was already restored).\\n' "$pf_saved"; exit 1; fi`,
    `pf_heading '1. Put back the saved values'`,
    `pf_indent '(none were set in main.cf)' < "$pf_saved"`,
    ...lines,
    `pf_heading '2. Reload Postfix'`,
    `${reload} || printf 'postfix reload failed: the restored values take effect at the next reload\\n'`,
    `mv "$pf_saved" "$pf_saved.restored"`,
    `pf_sub 'main.cf now'`,
    `postconf${c} -n ${params.join(' ')} | pf_indent '(none set: the defaults apply)'`,
    ...EPILOGUE,
    '',
  ].join('\n');
  return { commands: [...lines, reload], script };
}

/** Prints the restore command for one parameter, with the saved value quoted for copying. */
function restoreDisplayLines(param: string, c: string, sudo: string): string[] {
  return [
    `pf_line=$(grep -E '^${param} = ' "$pf_saved")`,
    `if [ -n "$pf_line" ]; then printf '  %s %s\\n' ${shQuote(`${sudo}postconf${c} -e`)} "$(pf_q "$pf_line")"; else printf '  %s\\n' ${shQuote(`${sudo}postconf${c} -X ${param}`)}; fi`,
  ];
}
