/**
 * The UI smoke test's steps, in order. Each step drives the workbench as a person would
 * and may save a screenshot (the README's come from here). A new UI feature adds a step
 * here, e.g. applying a quick-fix from the light bulb once quick-fixes exist:
 *   { name: 'quick-fix from the light bulb', run: async (wb) => { ...click .codicon-light-bulb... } }
 */
import { strict as assert } from 'node:assert';
import { Workbench } from './workbench';

export interface StepContext {
  /** Saves a screenshot as <name>.png in the screenshot folder. */
  shot(name: string): Promise<void>;
  /** The commands package.json contributes to the palette. */
  commands: { command: string; title: string; category?: string }[];
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
      await ctx.shot('hover');
      await wb.page.mouse.move(0, 0);
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
];
