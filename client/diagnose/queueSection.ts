/** Section 2 of Diagnose: the queue summary, the commonest deferral reasons, qshape. */
import { configArgs } from './prelude';
import type { DiagnoseInputs } from './types';

/** Builds the queue section (shell lines). Each tool degrades to one line when missing or failing. */
export function queueSection(inputs: DiagnoseInputs): string[] {
  const c = configArgs(inputs);
  return [
    `pf_heading '2. Queue (postqueue -p, qshape deferred)'`,
    'if pf_have postqueue; then',
    `  pf_sub 'summary (postqueue -p: its totals line and any warning)'`,
    `  if pf_cmd 'postqueue -p' pf_root postqueue${c} -p; then`,
    `    printf '%s\\n' "$PF_OUT" | grep -E '^(postqueue: |-- |Mail queue is empty)' | pf_indent '(no summary line)'`,
    `    pf_sub 'commonest deferral reasons (count, reason)'`,
    // A deferred message shows its reason on a line of its own, in parentheses.
    `    printf '%s\\n' "$PF_OUT" | sed -n 's/^ *(\\(.*\\))$/\\1/p' | sort | uniq -c | sort -rn | head -n 10 | pf_indent '(none)'`,
    '  fi',
    'else',
    `  pf_missing postqueue 'no queue summary'`,
    'fi',
    'if pf_have qshape; then',
    `  pf_sub 'deferred queue by destination and age in minutes (qshape deferred)'`,
    `  pf_cmd 'qshape deferred' pf_root qshape${c} deferred && printf '%s\\n' "$PF_OUT" | head -n 25 | pf_indent ''`,
    'else',
    `  pf_missing qshape 'no queue age summary'`,
    'fi',
  ];
}
