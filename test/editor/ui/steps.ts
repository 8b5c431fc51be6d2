/**
 * The UI smoke test's steps, in order. Each step drives the workbench as a person would
 * and may save a screenshot (the README's come from here). A new UI feature adds a step.
 * Steps that edit a fixture revert it, so the files on disk never change.
 */
import { strict as assert } from 'node:assert';
import { Workbench } from './workbench';

export interface StepContext {
  /** Saves a screenshot as <name>.png in the screenshot folder. */
  shot(name: string): Promise<void>;
  /** The commands package.json contributes to the palette. */
  commands: { command: string; title: string; category?: string }[];
  /** Requests the page made that failed (HTTP 4xx/5xx), as "status url", offline noise left out. */
  failedRequests(): string[];
  /** package.json, as the extension ships it. */
  manifest: { contributes: { configuration: { properties: Record<string, { default?: unknown }> } } };
}

export interface Step {
  name: string;
  run(wb: Workbench, ctx: StepContext): Promise<void>;
}

export const STEPS: Step[] = [
  {
    name: 'the workbench loads with the fixture workspace',
    run: (wb) => wb.waitUntilLoaded(),
  },
  {
    name: 'open postfix/main.cf from the Explorer: language mode "Postfix main.cf"',
    run: async (wb) => {
      await wb.openFromExplorer('postfix/main.cf');
      await wb.waitForLanguageMode('Postfix main.cf');
    },
  },
  {
    name: 'the grammar colours main.cf: comments, names and $references apart from plain values',
    run: async (wb, ctx) => {
      const colour = (tokens: [string, string][], text: string): string => {
        const hit = tokens.find(([t]) => t.trim() === text);
        assert.ok(hit, `a token "${text}" in ${JSON.stringify(tokens)}`);
        return hit[1];
      };
      const value = await wb.lineTokens('smtpd_banner = $myhostname ESMTP', 4);
      const [[, comment]] = await wb.lineTokens('# Fixture for the editor tests');
      const name = colour(value, 'smtpd_banner');
      const reference = colour(value, '$myhostname');
      const plain = colour(value, 'ESMTP');
      // Without the grammar each line is a single token in the default colour (and the
      // wait for four tokens above times out).
      assert.equal(new Set([comment, name, plain]).size, 3, `comment ${comment}, name ${name}, value ${plain}`);
      assert.notEqual(reference, plain, `$myhostname (${reference}) apart from the plain value (${plain})`);
      const ours = ctx.failedRequests().filter((r) => /syntaxes|snippets|postfix/i.test(r));
      assert.deepEqual(ours, [], 'no request for the extension\'s files failed');
    },
  },
  {
    name: 'the Problems panel lists our diagnostics with their codes',
    run: async (wb, ctx) => {
      const row = await wb.problemRow('Unknown parameter "myhostnme"');
      assert.match(await row.innerText(), /unknown-parameter/);
      await wb.problemRow('"$relay_hots" is not defined');
      // The status bar counts the whole configuration: main.cf (1 error, 2 warnings) and,
      // read with it, master.cf (1 warning) once it is checked too.
      await wb.page.locator('[id="status.problems"]', { hasText: /1\D+[23]/ }).waitFor({ timeout: 10_000 });
      await ctx.shot('problems');
    },
  },
  {
    name: 'hovering a flagged name shows the diagnostic',
    run: async (wb, ctx) => {
      await wb.hover('myhostnme', /Did you mean "myhostname"/);
      await ctx.shot('hover-diagnostic');
      await wb.page.mouse.move(0, 0);
    },
  },
  {
    name: 'hovering a parameter shows its facts and the value in effect',
    run: async (wb, ctx) => {
      const widget = await wb.hover('smtpd_banner', /In effect/);
      const text = await widget.innerText();
      assert.match(text, /smtpd_banner — Postfix parameter/);
      assert.match(text, /In effect: \$myhostname ESMTP → mail\.example\.com ESMTP, from main\.cf line 8/);
      assert.match(text, /postconf\(5\): smtpd_banner/);
      await ctx.shot('hover');
      await wb.page.mouse.move(0, 0);
    },
  },
  {
    name: 'a quick-fix from the light bulb corrects a typo and its problem goes',
    run: async (wb, ctx) => {
      await wb.openFromExplorer('quickfix/main.cf');
      await wb.problemRow('Unknown parameter "myorigni"');
      const action = await wb.openQuickFixes('myorigni', 'Change to "myorigin"');
      await ctx.shot('quick-fix');
      // The menu has the keyboard focus, on the preferred fix (a mouse click on the row can
      // land on the menu's own hover instead).
      assert.match(await action.innerText(), /Change to "myorigin"/);
      await wb.page.keyboard.press('Enter');
      await wb.editorLine('myorigin = $mydomain');
      await wb.page.locator('.part.panel .monaco-list-row', { hasText: 'myorigni' }).waitFor({ state: 'detached', timeout: 30_000 });
      assert.equal(await wb.page.locator('.monaco-editor .view-line', { hasText: 'myorigni' }).count(), 0, 'the typo is gone from the text');
      // Back to the file on disk, and the problem with it.
      await wb.runCommand('File: Revert File');
      await wb.editorLine('myorigni = $mydomain');
      await wb.problemRow('Unknown parameter "myorigni"');
    },
  },
  {
    name: 'code lenses show the connection budget over a receiver\'s transports',
    run: async (wb, ctx) => {
      await wb.openFromExplorer('budget/master.cf');
      const budget = 'orange: 2 + wanadoo: 1 + 1 other = 4 of 3 (expect 421)';
      await wb.codeLens(budget);
      await wb.codeLens('smtp: can reach 40 sessions per destination: 20 active + 20 cached (no receiver declared)');
      assert.equal(await wb.page.locator('.monaco-editor .codelens-decoration', { hasText: budget }).count(), 2, 'over orange and over wanadoo');
      await wb.problemRow('Receiver "orange" can see up to 4 sessions');
      await ctx.shot('code-lens');
    },
  },
  {
    name: 'Explain Log on a budget lab log: the report, its chart, the inferred cap, and the button that writes it',
    run: async (wb, ctx) => {
      // The configuration that wrote the log (its directive says 3; the receiver allowed 1),
      // kept open: a single click opens a preview that the next file would replace.
      await wb.openFromExplorer('logs/main.cf');
      await wb.runCommand('View: Keep Editor');
      await wb.openFromExplorer('logs/mail.log');
      await wb.waitForLanguageMode('Postfix log');
      await wb.codeLens('Postfix: Explain this log');
      // Room for the report, as a person would make it: no panel, no side bar.
      await wb.runCommand('View: Hide Panel');
      await wb.runCommand('View: Close Primary Side Bar');
      await wb.palette('Postfix: Explain Log...');
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Explain Log...' }).first().click();
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'the log in the active editor' }).first().click();
      // The webview: an iframe holding the page in another iframe.
      const report = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await report.locator('h1', { hasText: 'Postfix log explained: mail.log' }).waitFor({ timeout: 30_000 });
      await report.locator('.cap', { hasText: 'Inferred cap: 1.' }).waitFor();
      await report.locator('svg.chart .band').first().waitFor();
      assert.ok((await report.locator('svg.chart .refusal').count()) >= 3, 'the 421s are marked');
      await wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'Explain Log' }).waitFor({ state: 'detached', timeout: 15_000 });
      await ctx.shot('log-explainer');
      await report.locator('button.apply-cap', { hasText: 'Write max-connections=1 into # @receiver sink' }).click();
      await wb.editorLine('# @receiver sink max-connections=1 transports=strict');
      await wb.runCommand('File: Revert File');
      await wb.editorLine('# @receiver sink max-connections=3 transports=strict');
      await wb.runCommand('View: Toggle Primary Side Bar Visibility');
    },
  },
  {
    name: 'the command palette offers the Postfix languages and every contributed command',
    run: async (wb, ctx) => {
      const modes = await wb.palette('Change Language Mode');
      assert.ok(modes.some((m) => /Change Language Mode/.test(m)), `palette rows: ${modes.join(' | ')}`);
      await wb.page.keyboard.press('Enter');
      await wb.page.locator('.quick-input-widget input').fill('Postfix');
      const rows = wb.page.locator('.quick-input-list .monaco-list-row');
      await rows.filter({ hasText: 'Postfix master.cf' }).first().waitFor();
      assert.ok((await rows.allInnerTexts()).some((r) => r.includes('Postfix main.cf')));
      await ctx.shot('language-mode');
      await wb.closeQuickInput();
      for (const c of ctx.commands) {
        const label = c.category ? `${c.category}: ${c.title}` : c.title;
        const found = await wb.palette(label);
        assert.ok(found.some((r) => r.includes(c.title)), `"${label}" is in the palette (rows: ${found.join(' | ')})`);
        await wb.closeQuickInput();
      }
    },
  },
  {
    name: 'the Settings UI shows every check at its own level, and each can be changed there (issue 17, item 2)',
    run: async (wb, ctx) => {
      await wb.hidePanel();
      const item = await wb.settings('postfix.diagnostics', 'postfix.diagnostics');
      const rows = item.locator('.setting-list-object-row:not(.setting-list-edit-row)');
      const shown = new Map((await rows.evaluateAll((els) => els.map((e) => [
        e.querySelector('.setting-list-object-key')?.textContent ?? '', e.querySelector('.setting-list-object-value')?.textContent ?? '',
      ]))) as [string, string][]);
      const declared = ctx.manifest.contributes.configuration.properties['postfix.diagnostics'].default as Record<string, string>;
      assert.deepEqual(Object.fromEntries(shown), declared, 'each code with its own level');
      assert.equal(shown.get('connection-budget'), 'error');
      assert.equal(shown.get('inbound-limit-hint'), 'information');
      // Each row can be changed in the UI: an edit button, then a drop-down of the levels.
      const row = rows.filter({ hasText: 'inline-comment' }).first();
      await row.hover();
      await row.locator('.codicon-settings-edit').click();
      const select = item.locator('.setting-list-edit-row select').first();
      await select.waitFor();
      assert.deepEqual(await select.locator('option').allInnerTexts(), ['off', 'error', 'warning', 'information', 'hint']);
      await ctx.shot('settings');
      await wb.page.keyboard.press('Escape');
      await wb.runCommand('View: Close Editor');
    },
  },
  // Issue 17: the incident, walked as the admin did (test/fixtures/editor-workspace/incident).
  {
    name: 'the incident: master.cf offers to declare the receiver from the lens over its transport',
    run: async (wb, ctx) => {
      await wb.openFromExplorer('incident/master.cf');
      await wb.hidePanel();
      const lens = await wb.codeLens('orange: up to 3 sessions per destination (no receiver declared)');
      await lens.scrollIntoViewIfNeeded();
      // A lens that runs a command is a link.
      // (code-server's port forwarding may announce a port some other program listens on.)
      await wb.runCommand('Notifications: Clear All Notifications');
      await lens.locator('a', { hasText: 'no receiver declared' }).hover();
      await ctx.shot('receiver-lens');
    },
  },
  {
    name: 'the incident: the strict-provider command judges the name at the first prompt (item 4)',
    run: async (wb) => {
      await wb.startCommand('Postfix: Add Strict Provider Transport...');
      await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Add Strict Provider Transport (1/3)' }).waitFor();
      const input = wb.page.locator('.quick-input-widget input');
      await input.fill('orange');
      await wb.quickInputMessage(/"orange" is already a transport in master\.cf: it will be converted/);
      await input.fill('pickup');
      await wb.quickInputMessage(/master\.cf already has a service named "pickup" \(unix pickup\): choose another name/);
      await wb.closeQuickInput();
    },
  },
  {
    name: 'the incident: clicking the lens declares Orange\'s receiver over both transports (item 6)',
    run: async (wb, ctx) => {
      await wb.clickCodeLens('orange: up to 3 sessions per destination (no receiver declared)');
      await wb.editorLine('# @receiver orange max-connections=3 domains=orange.fr');
      // The snippet: the cap first (3, typed over), the name, then the choice of domains
      // (the transport map routes orange.fr to orange and wanadoo.fr to wanadoo).
      await wb.page.keyboard.type('3');
      await wb.page.keyboard.press('Tab');
      await wb.page.keyboard.press('Tab');
      const choice = wb.page.locator('.suggest-widget .monaco-list-row', { hasText: 'orange.fr,wanadoo.fr' }).first();
      await choice.waitFor({ timeout: 15_000 });
      await choice.click();
      await wb.editorLine('# @receiver orange max-connections=3 domains=orange.fr,wanadoo.fr');
      await wb.page.keyboard.press('Escape');
      const budget = 'orange: 3 + wanadoo: 2 = 5 of 3 (expect 421)';
      // Over the directive and each of the two transports.
      await wb.codeLensCount(budget, 3);
      await ctx.shot('declare-receiver');
    },
  },
  {
    name: 'the incident: one budget fix brings the receiver under the cap (item 3)',
    run: async (wb, ctx) => {
      const action = await wb.quickFixesAt('max-connections=3', 'Bring "orange" under the cap of 3');
      assert.match(await action.innerText(), /also "wanadoo"/);
      // The menu has the keyboard focus, on its first action, this one.
      await wb.page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Bring "orange" under the cap of 3' }).waitFor();
      await wb.page.keyboard.press('Enter');
      await wb.codeLensCount('orange: 1 + wanadoo: 1 = 2 of 3 (ok)', 3);
      await ctx.shot('budget-ok');
    },
  },
  {
    name: 'the incident: Diagnose with a missing configuration says so plainly, and gives no "ok" (item 1)',
    run: async (wb, ctx) => {
      const missing = '/etc/postfix-lsp-missing';
      const key = 'postfix.diagnose.configDirectory';
      const item = await wb.settings(key, key);
      await item.locator('input').fill(missing);
      // The Settings editor writes the value a moment after the typing: it marks the item
      // as configured once it has.
      await wb.page.locator(`.settings-editor .setting-item-contents.is-configured[data-key="${key}"]`).waitFor({ timeout: 15_000 });
      await wb.runCommand('View: Close Editor');
      await wb.openFromExplorer('incident/master.cf');
      // A taller page, so the whole report fits in the terminal's rows (the DOM holds only those).
      const viewport = wb.page.viewportSize();
      await wb.page.setViewportSize({ width: 1280, height: 1400 });
      await wb.runCommand('Postfix: Diagnose Connection Limits...');
      await wb.runCommand('View: Toggle Maximized Panel');
      const text = await wb.terminalText([
        `configuration directory: ${missing} (postfix.diagnose.configDirectory)`,
        `(postconf failed: postconf: fatal: open ${missing}/main.cf: No such file or directory)`,
        '=== 5. Verdict',
        '(this host only', // the verdict's last line: the script has finished
      ]);
      // (Whether a master process runs depends on the machine: another configuration's may.)
      assert.match(text, /Postfix: (not running|running|unknown) \(/, 'says whether Postfix runs, and how it knows');
      assert.match(text, /transports and receivers: from \S*incident\/master\.cf, the file being edited \(not in \/etc\/postfix-lsp-missing/);
      assert.match(text, /receiver orange: .*cap 3: unknown: postconf could not read the configuration/);
      assert.doesNotMatch(text, /cap 3: ok/);
      await wb.page.mouse.move(0, 0);
      await ctx.shot('diagnose-missing');
      await wb.runCommand('View: Toggle Maximized Panel');
      if (viewport) await wb.page.setViewportSize(viewport);
    },
  },
  {
    name: 'the incident: completion after -o shows the smtp client\'s names first, none flagged there (item 5)',
    run: async (wb, ctx) => {
      await wb.hidePanel();
      await wb.openFromExplorer('incident/master.cf');
      await wb.clickWord('postlogd');
      await wb.page.locator('.part.editor .monaco-editor.focused').waitFor();
      // A new continuation line under wanadoo, the file's last service.
      // The file ends with a line break: its last line is empty.
      await wb.page.keyboard.press('Control+End');
      await wb.page.keyboard.press('Shift+Home');
      await wb.page.keyboard.type('  -o ');
      const first = await wb.suggestions();
      assert.ok(first.length >= 5, `the suggest list: ${first.join(', ')}`);
      // Alphabetical over every parameter, the list would open on 2bounce_notice_recipient;
      // ranked, it opens on names the smtp client reads, none of the server's or lmtp's.
      assert.notEqual(first[0], '2bounce_notice_recipient');
      assert.deepEqual(first.filter((n) => /^(smtpd|postscreen|lmtp|2bounce)_/.test(n)), [], `the first rows: ${first.join(', ')}`);
      assert.ok(first.some((n) => n.startsWith('smtp_')), `the first rows: ${first.join(', ')}`);
      await ctx.shot('completion-o');
      // Typing narrows the list as the editor filters it: the client's TLS level is there,
      // the server's (flagged in an -o of an smtp client) is not.
      await wb.page.keyboard.type('smtp_tls_sec');
      const narrowed = await wb.suggestions('smtp_tls_security_level');
      assert.ok(!narrowed.includes('smtpd_tls_security_level'), narrowed.join(', '));
      await wb.page.keyboard.press('Escape');
      await wb.runCommand('File: Revert File');
      await wb.editorLine('  -o smtp_destination_rate_delay=2s');
      await wb.openFromExplorer('incident/main.cf');
      await wb.runCommand('File: Revert File');
    },
  },
];
