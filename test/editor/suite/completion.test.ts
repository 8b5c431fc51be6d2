/**
 * Completion as VS Code asks for it (vscode.executeCompletionItemProvider: every provider
 * for the language, ours through the language client and the workbench's snippets) on
 * half-typed lines of test/fixtures/editor-workspace/completion/.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { diagnosticsWhen, open } from './helpers';

const { Variable, EnumMember, Property, Snippet } = vscode.CompletionItemKind;

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** label | kind name | detail | inserted text | replaced range: what a user would get. */
function shown(item: vscode.CompletionItem): string {
  const range = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
  const where = range ? `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}` : '-';
  const text = typeof item.insertText === 'string' ? item.insertText : item.insertText?.value ?? labelOf(item);
  return `${labelOf(item)} | ${vscode.CompletionItemKind[item.kind!]} | ${item.detail} | ${text} | ${where}`;
}

async function completeAt(doc: vscode.TextDocument, line: number, character: number): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, character));
  return list.items;
}

/** The items of `kind` whose label is in `labels`, shown, in `labels`' order. */
function pick(items: vscode.CompletionItem[], kind: vscode.CompletionItemKind, labels: string[]): string[] {
  return labels.map((l) => items.find((i) => labelOf(i) === l && i.kind === kind)).map((i) => (i ? shown(i) : 'missing'));
}

describe('completion', () => {
  let main: vscode.TextDocument;
  let master: vscode.TextDocument;
  before(async () => {
    main = await open('completion/main.cf');
    master = await open('completion/master.cf');
    await diagnosticsWhen(main.uri, (d) => d.length > 0, 'the server to have read completion/main.cf');
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('after "$": the names defined, with their values; never the parameter being set', async () => {
    // Line 3: myorigin = $mydo|
    const items = await completeAt(main, 2, 16);
    assert.deepEqual(pick(items, Variable, ['mydomain', 'mydestination']), [
      'mydomain | Variable | main.cf: example.com | mydomain | 2:12-2:16',
      'mydestination | Variable | default: $myhostname, localhost.$mydomain, localhost | mydestination | 2:12-2:16',
    ]);
    assert.ok(!items.some((i) => labelOf(i) === 'myorigin'), '$myorigin inside myorigin would be a loop');
  });

  it('a value: the keywords the parameter takes', async () => {
    // Line 4: smtpd_tls_security_level = m|
    const items = await completeAt(main, 3, 28);
    const ours = items.filter((i) => i.kind !== Snippet);
    assert.deepEqual(ours.map(shown), [
      'none | EnumMember | no STARTTLS | none | 3:27-3:28',
      'may | EnumMember | offer STARTTLS, do not require it | may | 3:27-3:28',
      'encrypt | EnumMember | require TLS before mail is accepted | encrypt | 3:27-3:28',
    ]);
  });

  it('a parameter name at the start of a line, completed with " = "', async () => {
    // Line 5: smtpd_tls_loglev|
    const items = await completeAt(main, 4, 16);
    assert.deepEqual(pick(items, Property, ['smtpd_tls_loglevel', 'myhostname']), [
      'smtpd_tls_loglevel | Property | str · default: 0 | smtpd_tls_loglevel =  | 4:0-4:16',
      'myhostname | Property | str_fn · default: computed where Postfix runs | myhostname =  | 4:0-4:16',
    ]);
    assert.ok(items.length > 500, `every parameter of the release is offered, not ${items.length}`);
  });

  it('an -o value in master.cf, for the service\'s program', async () => {
    // Line 3:   -o smtpd_tls_security_level=enc|
    const items = await completeAt(master, 2, 33);
    assert.deepEqual(items.filter((i) => i.kind === EnumMember).map(labelOf), ['none', 'may', 'encrypt']);
    assert.equal(shown(items.find((i) => labelOf(i) === 'encrypt')!), 'encrypt | EnumMember | require TLS before mail is accepted | encrypt | 2:30-2:33');
  });

  it('the snippets of package.json for each language', async () => {
    const mainSnippets = (await completeAt(main, 5, 0)).filter((i) => i.kind === Snippet);
    const masterSnippets = (await completeAt(master, 3, 0)).filter((i) => i.kind === Snippet);
    const names = (items: vscode.CompletionItem[]): string[] =>
      [...new Set(items.map((i) => (typeof i.label === 'string' ? i.label : `${i.label.label} (${i.label.description})`)))].sort();
    assert.deepEqual(names(mainSnippets), [
      '@receiver (Receiver directive)', 'receiver (Receiver directive)',
      'strict-provider (Strict provider controls)', 'throttle (Strict provider controls)',
    ]);
    assert.deepEqual(names(masterSnippets), [
      '@receiver (Receiver directive)', 'receiver (Receiver directive)',
      'strict-provider (Strict provider transport)', 'throttle (Strict provider transport)',
    ]);
    const receiver = mainSnippets.find((i) => labelOf(i) === '@receiver')!;
    assert.equal((receiver.insertText as vscode.SnippetString).value,
      '# @receiver ${1:orange} max-connections=${2:3} transports=${3:$1} destinations=${4:1}${5: other-senders=${6:0}}');
  });

  it('no word-based suggestions for the Postfix languages, not even in a comment (issue 17)', async () => {
    for (const language of ['postfix-main', 'postfix-master', 'postfix-map']) {
      assert.equal(vscode.workspace.getConfiguration('editor', { languageId: language }).get('wordBasedSuggestions'), 'off', language);
    }
    // Line 1 is a comment: our server offers nothing there, and nothing else may either.
    const items = await completeAt(main, 0, 20);
    assert.deepEqual(items.filter((i) => i.kind === vscode.CompletionItemKind.Text).map(labelOf), []);
  });
});
