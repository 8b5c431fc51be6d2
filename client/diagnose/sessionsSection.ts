/**
 * Section 3 of Diagnose, and the body of Watch: established SMTP sessions from `ss -tanp`,
 * counted per remote address and per transport, and the verdict per receiver.
 *
 * Every smtp(8) process of a transport runs the same binary, so `ss` names them all `smtp`.
 * master(8) passes `-n SERVICE` to a process whose service name differs from its command,
 * so the transport is read from /proc/PID/cmdline. Sessions held by scache(8) are cached
 * idle sessions: they count at the receiver but belong to no transport (see
 * docs/connection-budget.md).
 */
import { shQuote } from './quote';
import type { DiagnoseInputs } from './types';

/**
 * Turns `ss -tanp` into `DIR PEER PROCESS PID` lines: DIR is `out` when the remote port is an
 * SMTP port (we are the client) and `in` when the local port is. Names are reduced to safe
 * characters because any local program can name itself anything.
 */
const SS_AWK = [
  'BEGIN { n = split(ports, p, " "); for (i = 1; i <= n; i++) want[p[i]] = 1 }',
  '$1 != "ESTAB" { next }',
  '{',
  '  lp = $4; sub(/.*:/, "", lp)',
  '  peer = $5; pp = peer; sub(/.*:/, "", pp); sub(/:[^:]*$/, "", peer)',
  '  gsub(/[][]/, "", peer); sub(/^::ffff:/, "", peer)',
  '  if (pp in want) dir = "out"; else if (lp in want) dir = "in"; else next',
  '  proc = "?"; pid = "-"',
  '  if (match($0, /users:\\(\\("[^"]*",pid=[0-9]+/)) {',
  '    s = substr($0, RSTART + 9, RLENGTH - 9); q = index(s, "\\"")',
  '    proc = substr(s, 1, q - 1); pid = substr(s, q + 6)',
  '  }',
  '  gsub(/[^A-Za-z0-9_.:-]/, "_", proc)',
  '  print dir, peer, proc, pid',
  '}',
].join('\n');

/**
 * Counts sessions in one pass (few processes: Watch repeats this every second) as
 * `TABLE COUNT KEY` lines: 1 outbound per address, 2 outbound per transport, 3 inbound per
 * client, 4 the sessions whose process ss could not name.
 */
const COUNT_AWK = [
  '$1 == "out" { n["1 " $2]++; n["2 " $3]++ }',
  '$1 == "in" { n["3 " $2]++ }',
  '$3 == "?" { u++ }',
  'END { for (k in n) { split(k, p, " "); print p[1], n[k], p[2] }; print 4, u + 0, "-" }',
].join('\n');

/** Prints the sorted counts under a heading per table, `(none)` for an empty one. */
const TABLE_AWK = [
  'BEGIN {',
  '  h[1] = "outbound sessions per remote address (count, address)"',
  '  h[2] = "outbound sessions per transport process (count, transport; scache = cached idle sessions)"',
  '  h[3] = "inbound sessions per client address (count, address; top 10)"',
  '}',
  'function upto(t) { while (cur < t) { if (cur >= 1 && !shown) print "  (none)"; cur++; if (cur <= 3) { print "--- " h[cur]; shown = 0; k = 0 } } }',
  '$1 <= 3 { upto($1); if ($1 == 3 && ++k > 10) next; printf "  %6d  %s\\n", $2, $3; shown = 1 }',
  '$1 == 4 { upto(4); if ($2 > 0) printf "  (%d %s no process: ss needs root to name them; set postfix.diagnose.sudo)\\n", $2, ($2 == 1 ? "session shows" : "sessions show") }',
].join('\n');

/** Prints the service name from `-n NAME` in a process's argv, else `d` (the ss process name). */
const CMDLINE_AWK = 'p == "-n" { print; f = 1; exit } { p = $0 } END { if (!f) print d }';

/** Shell functions pf_collect, pf_show and pf_verdict (definitions only). */
export function sessionFunctions(inputs: DiagnoseInputs): string[] {
  const ports = shQuote(inputs.ports.join(' '));
  return [
    'pf_service() {',
    '  if [ "$1" != - ] && [ -r "/proc/$1/cmdline" ]; then',
    `    tr '\\000' '\\n' < "/proc/$1/cmdline" | awk -v d="$2" ${shQuote(CMDLINE_AWK)} | tr -c 'A-Za-z0-9_.:\\n-' '_'`,
    '  else',
    `    printf '%s\\n' "$2"`,
    '  fi',
    '}',
    'pf_collect() {',
    '  PF_SS_ERR=; PF_SESSIONS=',
    `  if ! pf_have ss; then PF_SS_ERR='ss is not installed here (package iproute2): sessions cannot be counted'; return; fi`,
    `  if ! pf_ss=$(pf_root ss -tanp 2>&1); then PF_SS_ERR="ss failed: $(printf '%s\\n' "$pf_ss" | head -n 1)"; return; fi`,
    `  PF_SESSIONS=$(printf '%s\\n' "$pf_ss" | awk -v ports=${ports} ${shQuote(SS_AWK)} | while read -r pf_d pf_peer pf_proc pf_pid; do`,
    `    printf '%s %s %s\\n' "$pf_d" "$pf_peer" "$(pf_service "$pf_pid" "$pf_proc")"`,
    '  done)',
    '}',
    'pf_show() {',
    `  if [ -n "$PF_SS_ERR" ]; then printf '  %s\\n' "$PF_SS_ERR"; return; fi`,
    `  printf '%s\\n' "$PF_SESSIONS" | awk ${shQuote(COUNT_AWK)} | sort -k1,1n -k2,2nr -k3,3 | awk ${shQuote(TABLE_AWK)}`,
    '}',
    ...verdictFunction(),
  ];
}

/**
 * pf_verdict NAME CAP "T1 T2": one line, sessions now vs the receiver's cap. "ok" only when
 * something was measured: this configuration's Postfix runs, postconf could read it, and
 * the sessions ss could not name could not reach the cap; otherwise "unknown", and why.
 */
function verdictFunction(): string[] {
  return [
    'pf_verdict() {',
    `  if [ -n "$PF_SS_ERR" ]; then printf 'receiver %s: sessions unknown (%s); cap %s\\n' "$1" "$PF_SS_ERR" "$2"; return; fi`,
    `  pf_n=$(printf '%s\\n' "$PF_SESSIONS" | awk -v t="$3" 'BEGIN { n = split(t, a, " "); for (i = 1; i <= n; i++) w[a[i]] = 1 } $1 == "out" && ($3 in w) { c++ } END { print c + 0 }')`,
    `  pf_c=$(printf '%s\\n' "$PF_SESSIONS" | awk '$1 == "out" && $3 == "scache" { c++ } END { print c + 0 }')`,
    `  pf_u=$(printf '%s\\n' "$PF_SESSIONS" | awk '$1 == "out" && $3 == "?" { c++ } END { print c + 0 }')`,
    `  if [ "$pf_n" -gt "$2" ]; then pf_state='OVER CAP'`,
    `  elif [ "$pf_n" -eq "$2" ]; then pf_state='AT CAP'`,
    `  elif [ -n "$PF_CONF_ERR" ]; then pf_state="unknown: postconf could not read the configuration ($PF_CONF_ERR)"`,
    `  elif [ "$PF_RUNNING" = no ]; then pf_state='unknown: Postfix is not running here, so there was nothing to measure'`,
    `  elif [ "$PF_RUNNING" != yes ]; then pf_state='unknown: whether Postfix runs here could not be told (see the top of this output)'`,
    `  elif [ "$pf_u" -gt 0 ] && [ $((pf_n + pf_c + pf_u)) -ge "$2" ]; then pf_state="unknown: $(pf_count "$pf_u" 'outbound session') without a process name could be this receiver's (ss needs root: set postfix.diagnose.sudo)"`,
    `  elif [ $((pf_n + pf_c)) -ge "$2" ]; then pf_state='AT RISK: with the cached idle sessions it reaches the cap'`,
    `  else pf_state='ok'; fi`,
    `  printf 'receiver %s: %s now via %s, +%s cached idle (any destination), cap %s: %s\\n' "$1" "$(pf_count "$pf_n" session)" "$3" "$pf_c" "$2" "$pf_state"`,
    '}',
  ];
}

/** Calls pf_verdict once per receiver (a note when there is none). */
export function verdictCalls(inputs: DiagnoseInputs): string[] {
  if (!inputs.receivers.length) return [`printf 'no receivers declared (@receiver): nothing to compare with a cap\\n'`];
  return [
    ...inputs.receivers.map(
      (r) => `pf_verdict ${shQuote(r.name)} ${shQuote(String(r.maxConnections))} ${shQuote(r.transports.join(' ') || '(none)')}`,
    ),
    `printf '(this host only: every host behind the same public IP counts against the same cap)\\n'`,
  ];
}

/** Section 3 of Diagnose: collect once, show the counts. */
export function sessionsSection(inputs: DiagnoseInputs): string[] {
  return [
    `pf_heading ${shQuote(`3. Established SMTP sessions (ss -tanp, ports ${inputs.ports.join(', ')})`)}`,
    'pf_collect',
    'pf_show',
  ];
}
