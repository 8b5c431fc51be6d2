/**
 * option-syntax: `-o` arguments that master.cf cannot carry as written (see
 * model/optionForms.ts for how each form is read). Errors for what stops the daemon or
 * master(8) (spaced or "=" missing, an unclosed "{"); a warning for `-oname=value`, which
 * postconf misreads, and only a hint when postconf happens to read it right (no "o" after
 * the flag).
 */
import { Finding, Severity } from '../findings';
import { OptionIssue, optionIssues, postconfReading } from '../model/optionForms';
import { programOf } from '../model/services';
import { Rule } from './types';

export const optionSyntax: Rule = {
  kind: 'master',
  codes: ['option-syntax'],
  check({ config }) {
    const out: Finding[] = [];
    for (const entry of config.master.entries) {
      const program = programOf(entry.commandText);
      for (const issue of optionIssues(entry)) {
        const last = issue.parts[issue.parts.length - 1];
        const { severity, message } = describe(issue, program);
        out.push({
          code: 'option-syntax', severity, file: 'master', start: issue.flag.start, end: last.end, message,
          data: { kind: issue.kind, name: issue.name },
        });
      }
    }
    return out;
  },
};

function describe(issue: OptionIssue, program: string): { severity: Severity; message: string } {
  const name = issue.name || 'name';
  switch (issue.kind) {
    case 'spaced': {
      // A stuck `-oname=` reaches the daemon as "-o name=".
      const first = issue.parts[0] === issue.flag && issue.flag.text !== '-o' ? issue.flag.text.slice(2) : issue.parts[0].text;
      const fails = first.endsWith('=')
        ? `gets "-o ${first}" and a stray "${issue.parts[1].text}", and stops with "unknown attribute name"`
        : `gets "-o ${first}" and stops with "missing '=' after attribute name"`;
      return {
        severity: 'error',
        message: `White space around "=" splits this option into separate arguments: ${program} ${fails}. Write -o ${name}=value, or -o { ${name} = value } when the value has spaces.`,
      };
    }
    case 'missing-equals':
    case 'stuck-missing-equals':
      return {
        severity: 'error',
        message: `"-o" needs name=value: ${program} stops with "missing '=' after attribute name" when it starts.`,
      };
    case 'missing-name':
      return {
        severity: 'error',
        message: `"-o" needs a parameter name before "=": ${program} stops with "missing attribute name" when it starts.`,
      };
    case 'unclosed':
      return {
        severity: 'error',
        message: `Missing "}" in this -o argument: master(8) stops with a fatal error ("missing '}'") and no service starts; postconf only warns.`,
      };
    case 'stuck': {
      const reading = postconfReading(issue.flag.text);
      if (reading.length > 1) {
        return {
          severity: 'warning',
          message: `No space after "-o": the daemon reads this right, but postconf splits it at every "o" (${reading.join(' ')}), so postconf -M/-P and its checks show the wrong parameter. Write "-o ${issue.flag.text.slice(2)}".`,
        };
      }
      return {
        severity: 'hint',
        message: `No space after "-o": Postfix reads this one right, but postconf would split it at any "o" in the name or value. Write "-o ${issue.flag.text.slice(2)}".`,
      };
    }
  }
}
