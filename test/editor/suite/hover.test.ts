/**
 * Hovers as VS Code shows them (vscode.executeHoverProvider, through the language client's
 * conversion): a main.cf parameter with the value in effect, a name that only master.cf
 * defines, and a $reference; each with its exact Markdown pieces and range.
 */
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { diagnosticsWhen, open } from './helpers';

/** The one hover at `position` (ours: no other extension hovers these languages), as Markdown lines. */
async function hoverAt(doc: vscode.TextDocument, position: vscode.Position): Promise<{ lines: string[]; range: string }> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  assert.equal(hovers.length, 1, `one hover at ${position.line}:${position.character}`);
  const [hover] = hovers;
  assert.equal(hover.contents.length, 1);
  const content = hover.contents[0];
  assert.ok(content instanceof vscode.MarkdownString, 'Markdown content');
  const r = hover.range!;
  return { lines: content.value.split('\n'), range: `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}` };
}

describe('hover', () => {
  let doc: vscode.TextDocument;
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('a main.cf parameter: facts, the value in effect expanded, scope and the postconf(5) link', async () => {
    doc = await open('postfix/main.cf');
    await diagnosticsWhen(doc.uri, (d) => d.length > 0, 'the server to have read the file');
    // Line 8: smtpd_banner = $myhostname ESMTP
    const { lines, range } = await hoverAt(doc, new vscode.Position(7, 3));
    assert.equal(range, '7:0-7:12');
    assert.deepEqual(lines, [
      '**smtpd_banner** — Postfix parameter',
      '',
      '- **Type:** text, at least 1',
      '- **Default in Postfix 3.11.6:** `$myhostname ESMTP $mail_name`',
      '- **Release:** Postfix 3.11.6, the newest release known here (`postfix.version` is latest)',
      '- **In effect:** `$myhostname ESMTP` → `mail.example.com ESMTP`, from main.cf line 8',
      '- **Since:** an early release (postconf(5) names none)',
      '- **Read by:** postscreen, smtpd',
      '',
      'Inbound: applies when other systems connect to this server; it does not change outbound delivery.',
      '',
      '[postconf(5): smtpd_banner](https://www.postfix.org/postconf.5.html#smtpd_banner)',
    ]);
  });

  it('a per-transport name that master.cf defines: its owner, template and main.cf value', async () => {
    // Line 9: relay2_destination_concurrency_limit = 2, known only through master.cf's relay2.
    const { lines, range } = await hoverAt(doc, new vscode.Position(8, 10));
    assert.equal(range, '8:0-8:36');
    assert.equal(lines[0], '**relay2_destination_concurrency_limit** — the `transport_destination_concurrency_limit` setting of the `relay2` transport (master.cf line 4, command `smtp`)');
    assert.ok(lines.includes('- **In effect:** `2`, from main.cf line 9'), lines.join('\n'));
    assert.equal(lines[lines.length - 1], '[postconf(5): transport_destination_concurrency_limit](https://www.postfix.org/postconf.5.html#transport_destination_concurrency_limit)');
  });

  it('a $reference: the value it stands for and where it is set', async () => {
    // Line 5: myorigin = $mydomain
    const { lines, range } = await hoverAt(doc, new vscode.Position(4, 13));
    assert.equal(range, '4:11-4:20');
    assert.deepEqual(lines, [
      '**$mydomain** — Postfix parameter',
      '',
      '**Value:** `example.com`, from main.cf line 4',
      '',
      '[postconf(5): mydomain](https://www.postfix.org/postconf.5.html#mydomain)',
    ]);
  });

  it('nothing on the "=" between name and value', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(7, 13));
    assert.deepEqual(hovers, []);
  });
});
