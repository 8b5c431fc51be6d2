/**
 * The read-only scripts: Diagnose Connection Limits (every section once) and Watch SMTP
 * Sessions (the session counts and verdicts, refreshed every second). Neither changes
 * anything on the server: they only run postconf's query modes, postqueue -p, qshape, ss,
 * journalctl and read log files.
 */
import { logSection } from './logSection';
import { EPILOGUE, prelude } from './prelude';
import { queueSection } from './queueSection';
import { sessionFunctions, sessionsSection, verdictCalls } from './sessionsSection';
import { settingsSection } from './settingsSection';
import type { DiagnoseInputs } from './types';

/** The full Diagnose Connection Limits script, as text for `sh`. */
export function buildDiagnoseScript(inputs: DiagnoseInputs): string {
  return [
    ...prelude(inputs, 'Postfix: Diagnose Connection Limits', { status: true }),
    ...sessionFunctions(inputs),
    ...settingsSection(inputs),
    ...queueSection(inputs),
    ...sessionsSection(inputs),
    ...logSection(inputs),
    `pf_heading '5. Verdict per receiver (sessions now vs cap)'`,
    ...verdictCalls(inputs),
    ...EPILOGUE,
    '',
  ].join('\n');
}

/** The Watch SMTP Sessions script: loops until interrupted or the terminal closes. */
export function buildWatchScript(inputs: DiagnoseInputs): string {
  return [
    ...prelude(inputs, 'Postfix: Watch SMTP Sessions', { status: true }),
    ...sessionFunctions(inputs),
    'pf_round=0',
    'while :; do',
    '  pf_collect',
    // Whether Postfix runs is asked again every 10 s (postfix status is not free).
    '  pf_round=$((pf_round + 1)); [ $((pf_round % 10)) -eq 0 ] && pf_status',
    // Clear with the escape sequence itself: clear(1) needs TERM, which ssh -T does not set.
    `  printf '\\033[H\\033[2J'`,
    `  printf 'SMTP sessions on %s at %s (every 1 s; Ctrl-C or close the terminal to stop)\\n' "$(uname -n)" "$(date '+%H:%M:%S')"`,
    `  printf 'Postfix: %s\\n' "$PF_STATUS"`,
    '  pf_show',
    `  pf_heading 'Verdict per receiver'`,
    ...verdictCalls(inputs).map((l) => `  ${l}`),
    '  sleep 1',
    'done',
    ...EPILOGUE,
    '',
  ].join('\n');
}
