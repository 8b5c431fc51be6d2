/**
 * Section 4 of Diagnose: the last 30 minutes of the Postfix log, filtered to the lines that
 * show a receiver refusing sessions (421, Too many connections, Concurrent connections) and
 * to session reuse (conn_use=), oldest first so the newest line is last.
 */
import { configArgs } from './prelude';
import { shQuote } from './quote';
import type { DiagnoseInputs } from './types';

/**
 * The filter, as an extended regex. `421` must be a reply code (followed by a space or the
 * `-` of a multi-line reply), not part of a number or of a hex queue ID such as `421AB3C`.
 */
export const LOG_PATTERN = '(^|[^0-9A-Za-z.])421([ -]|$)|Too many connections|Concurrent connections|conn_use=';
/** How many matching lines to print at most (the newest). */
const MAX_LINES = 200;
/** How many lines of a log file to scan at most (a rotated file can be very large). */
const MAX_SCAN = 500000;

/**
 * Keeps lines newer than the cut-off for both syslog time formats: ISO 8601
 * (`2024-05-01T10:00:00`) compared as text, and the traditional `May  1 10:00:00` turned into
 * MMDDhhmmss (the year is not in the line; a window across New Year shows too much, not less).
 */
const WINDOW_AWK = [
  'BEGIN { split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", m, " "); for (i = 1; i <= 12; i++) mon[m[i]] = sprintf("%02d", i) }',
  'iso != "" && $1 ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T/ { if (substr($1, 1, 19) < iso) next }',
  'trad != "" && ($1 in mon) { split($3, t, ":"); if (mon[$1] sprintf("%02d", $2) t[1] t[2] t[3] < trad) next }',
  '$0 ~ re { print }',
].join('\n');

/** Builds the log section (shell lines): journalctl, else maillog_file, mail.log or maillog. */
export function logSection(inputs: DiagnoseInputs): string[] {
  const c = configArgs(inputs);
  return [
    `pf_heading '4. Log, last 30 minutes: 421, Too many connections, Concurrent connections, conn_use= (newest last)'`,
    `pf_re=${shQuote(LOG_PATTERN)}`,
    'pf_log_done=',
    'if pf_have journalctl; then',
    `  if pf_cmd 'journalctl' pf_root journalctl -q --no-pager -u 'postfix*' --since '-30min' -n 1 && [ -n "$PF_OUT" ]; then`,
    `    pf_sub 'source: journalctl -u postfix*'`,
    `    pf_root journalctl -q --no-pager -o short-iso -u 'postfix*' --since '-30min' 2>&1 | grep -E "$pf_re" | tail -n ${MAX_LINES} | pf_indent '(no matching lines)'`,
    '    pf_log_done=1',
    '  else',
    `    [ -n "$PF_ERR" ] || printf '  (journalctl has no postfix entries for the last 30 minutes here; trying log files)\\n'`,
    '  fi',
    'else',
    `  pf_missing journalctl 'trying log files'`,
    'fi',
    'if [ -z "$pf_log_done" ]; then',
    '  pf_now=$(date +%s)',
    '  pf_cut=$((pf_now - 1800))',
    // GNU and busybox date take -d @SECONDS, BSD date takes -r SECONDS.
    `  pf_iso=$(date -d "@$pf_cut" '+%Y-%m-%dT%H:%M:%S' 2>/dev/null || date -r "$pf_cut" '+%Y-%m-%dT%H:%M:%S' 2>/dev/null)`,
    `  pf_trad=$(date -d "@$pf_cut" '+%m%d%H%M%S' 2>/dev/null || date -r "$pf_cut" '+%m%d%H%M%S' 2>/dev/null)`,
    `  [ -n "$pf_iso" ] || printf '  (date cannot compute the cut-off here: showing every matching line)\\n'`,
    // An unreadable configuration is said at the top; asking again would only wait for postconf's fatal exit.
    `  pf_maillog=; [ -n "$PF_CONF_ERR" ] || pf_maillog=$(postconf${c} -h maillog_file 2>/dev/null)`,
    '  for pf_f in "$pf_maillog" /var/log/mail.log /var/log/maillog; do',
    '    [ -n "$pf_f" ] && pf_root test -r "$pf_f" || continue',
    `    pf_sub "source: $pf_f (newest ${MAX_SCAN} lines scanned)"`,
    `    pf_root tail -n ${MAX_SCAN} "$pf_f" | awk -v iso="$pf_iso" -v trad="$pf_trad" -v re="$pf_re" ${shQuote(WINDOW_AWK)} | tail -n ${MAX_LINES} | pf_indent '(no matching lines)'`,
    '    pf_log_done=1',
    '    break',
    '  done',
    `  [ -n "$pf_log_done" ] || printf '  (no Postfix log found: no journal entries, no maillog_file, /var/log/mail.log or /var/log/maillog)\\n'`,
    'fi',
  ];
}
