/**
 * The "edits are exact" checker itself (test/helpers/editCheck.ts) must be able to fail:
 * hand-made code actions, one exact and the others each wrong in one way, on a real
 * diagnostic from the core.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { MAIN_URI, MASTER_URI, runCore, textsOf } from '../helpers/coreRun';
import { applyAction, verifyAction } from '../helpers/editCheck';

const TEXT = 'myhostnme = a\n# keep this comment\nmydomain = b\nrelayhost = c\n';

function problemsOf(...edits: (TextEdit | [string, TextEdit])[]): string[] {
  const run = runCore({ main: TEXT });
  const target = run.diagnostics.get(MAIN_URI)!.find((d) => d.code === 'unknown-parameter')!;
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) {
    const [uri, edit] = Array.isArray(e) ? e : [MAIN_URI, e];
    (changes[uri] ??= []).push(edit);
  }
  const action: CodeAction = { title: 'Change to "myhostname"', kind: 'quickfix', edit: { changes } };
  const applied = applyAction(run.texts, action);
  const after = runCore(textsOf(applied.after));
  return verifyAction({
    action, applied, before: run.texts, diagnosticsBefore: run.diagnostics, diagnosticsAfter: after.diagnostics,
    target, targetUri: MAIN_URI,
  });
}

const at = (line: number, from: number, to = from) => ({ start: { line, character: from }, end: { line, character: to } });
const rename: TextEdit = { range: at(0, 0, 9), newText: 'myhostname' };

describe('edit checker', () => {
  it('accepts an exact fix', () => {
    assert.deepEqual(problemsOf(rename), []);
  });

  it('accepts a fix that inserts or deletes whole lines', () => {
    assert.deepEqual(problemsOf(rename, { range: at(2, 0), newText: 'smtpd_banner = hi\n' }), []);
    assert.deepEqual(problemsOf(rename, { range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, newText: '' }), []);
  });

  it('catches a comment swallowed by joining it to the line above', () => {
    // Deleting only the line break after "a" touches neither line's text, yet the comment
    // becomes part of the value.
    const problems = problemsOf(rename, { range: { start: { line: 0, character: 13 }, end: { line: 1, character: 0 } }, newText: '' });
    assert.match(problems.join('\n'), /changed the comment on line 2/);
  });

  it('catches an inserted line that silently continues the line above', () => {
    const problems = problemsOf(rename, { range: at(3, 0), newText: '  continued\n' });
    assert.match(problems.join('\n'), /changed line 3 \("mydomain = b"\)/);
  });

  it('catches a fix that leaves its diagnostic', () => {
    const problems = problemsOf({ range: at(0, 12, 13), newText: 'z' });
    assert.match(problems.join('\n'), /does not remove the unknown-parameter diagnostic/);
  });

  it('catches a fix that breaks parsing', () => {
    const problems = problemsOf(rename, { range: at(2, 9, 10), newText: '' });
    assert.match(problems.join('\n'), /no longer parses: syntax-error 0 -> 1/);
  });

  it('catches overlapping edits, ranges outside the text and edits of unknown files', () => {
    assert.match(problemsOf(rename, { range: at(0, 3, 5), newText: 'x' }).join('\n'), /edits overlap/);
    assert.match(problemsOf(rename, { range: at(9, 0), newText: 'x' }).join('\n'), /line 9 outside/);
    assert.match(problemsOf(rename, ['file:///elsewhere/main.cf', { range: at(0, 0), newText: 'x' }]).join('\n'), /not part of the configuration/);
  });
});

describe('edit checker on a file over the 1,000-problem cap', () => {
  // 1,100 times "-o a=$b": 1,100 unknown "a" and 1,100 undefined "$b"; only 1,000 are shown.
  const master = `smtp inet n - y - - smtpd\n${'  -o a=$b\n'.repeat(1100)}`;

  function check(edit: TextEdit): string[] {
    const run = runCore({ master });
    const target = run.diagnostics.get(MASTER_URI)!.find((d) => d.code === 'undefined-reference')!;
    const action: CodeAction = { title: 'a fix', kind: 'quickfix', edit: { changes: { [MASTER_URI]: [edit] } } };
    const applied = applyAction(run.texts, action);
    const after = runCore(textsOf(applied.after));
    return verifyAction({ action, applied, before: run.texts, diagnosticsBefore: run.diagnostics, diagnosticsAfter: after.diagnostics, target, targetUri: MASTER_URI });
  }

  it('counts what the cut hides: a fix that moves the cut is still seen to remove its target', () => {
    // "$a" makes "a" used: 1,100 unknown-parameter go, so 1,000 undefined-reference are shown instead of 500.
    assert.deepEqual(check({ range: at(1, 8, 9), newText: 'a' }), []);
  });

  it('and still fails a fix that removes nothing', () => {
    assert.match(check({ range: at(0, 0), newText: '# a comment\n' }).join('\n'), /does not remove the undefined-reference diagnostic it targets \(1,?100 before, 1,?100 after\)/);
  });
});

describe('edit checker on a file judged not a Postfix configuration', () => {
  it('counts the problems the judgement turns off: a fix that makes the file readable adds none', () => {
    // 10 broken lines of 19: not a main.cf, and its 10 syntax errors are left out; one more setting makes it one.
    const main = [...Array.from({ length: 10 }, (_, i) => `broken line ${i}`), ...Array.from({ length: 9 }, (_, i) => `x_unused_${i} = ${i}`), ''].join('\n');
    const run = runCore({ main });
    const target = run.diagnostics.get(MAIN_URI)!.find((d) => d.code === 'not-postfix-config')!;
    const action: CodeAction = { title: 'a fix', kind: 'quickfix', edit: { changes: { [MAIN_URI]: [{ range: at(19, 0), newText: 'biff = no\n' }] } } };
    const applied = applyAction(run.texts, action);
    const after = runCore(textsOf(applied.after));
    assert.equal(after.diagnostics.get(MAIN_URI)!.filter((d) => d.code === 'syntax-error').length, 10);
    assert.deepEqual(verifyAction({ action, applied, before: run.texts, diagnosticsBefore: run.diagnostics, diagnosticsAfter: after.diagnostics, target, targetUri: MAIN_URI }), []);
  });
});
