/** Section 2 of Diagnose: the queue summary, the commonest deferral reasons, qshape. */
import { configArgs } from './prelude';
import type { DiagnoseInputs } from './types';

/** Builds the queue section (shell lines). Each tool degrades to one line when missing. */
export function queueSection(inputs: DiagnoseInputs): string[] {
  const c = configArgs(inputs);
  return [
    `pf_heading '2. Queue (postqueue -p, qshape deferred)'`,
    'if pf_have postqueue; then',
    `  pf_q=$(pf_root postqueue${c} -p 2>&1)`,
    `  pf_sub 'summary (postqueue -p: its totals line and any warning)'`,
    `  printf '%s\\n' "$pf_q" | grep -E '^(postqueue: |-- |Mail queue is empty)' | pf_indent '(no summary line)'`,
    `  pf_sub 'commonest deferral reasons (count, reason)'`,
    // A deferred message shows its reason on a line of its own, in parentheses.
    `  printf '%s\\n' "$pf_q" | sed -n 's/^ *(\\(.*\\))$/\\1/p' | sort | uniq -c | sort -rn | head -n 10 | pf_indent '(none)'`,
    'else',
    `  pf_missing postqueue 'no queue summary'`,
    'fi',
    'if pf_have qshape; then',
    `  pf_sub 'deferred queue by destination and age in minutes (qshape deferred)'`,
    `  pf_root qshape${c} deferred 2>&1 | head -n 25 | pf_indent ''`,
    'else',
    `  pf_missing qshape 'no queue age summary'`,
    'fi',
  ];
}
