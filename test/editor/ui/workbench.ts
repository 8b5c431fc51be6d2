/**
 * What a person does in the VS Code workbench, as playwright-core actions on code-server's
 * page: open a file from the Explorer, read the Problems panel, use the command palette,
 * hover. Selectors are VS Code 1.100's.
 */
import type { Locator, Page } from 'playwright-core';

export class Workbench {
  constructor(readonly page: Page) {}

  async waitUntilLoaded(): Promise<void> {
    await this.page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
  }

  /** Clicks through the Explorer tree: each folder, then the file; waits for its editor tab. */
  async openFromExplorer(relative: string): Promise<void> {
    const parts = relative.split('/');
    for (const [i, name] of parts.entries()) {
      const row = this.explorerRow(name);
      const isFile = i === parts.length - 1;
      if (!isFile && (await row.getAttribute('aria-expanded')) === 'true') continue;
      await row.click();
    }
    const file = parts[parts.length - 1];
    await this.page.locator('.tab.active', { hasText: file }).waitFor();
    await this.page.locator('.monaco-editor .view-lines').first().waitFor();
  }

  explorerRow(name: string): Locator {
    return this.page.locator('.explorer-folders-view .monaco-list-row', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${escape(name)}$`) }) }).first();
  }

  /** The language mode shown in the status bar, e.g. "Postfix main.cf". */
  async waitForLanguageMode(name: string): Promise<void> {
    await this.page.locator('[id="status.editor.mode"]', { hasText: name }).waitFor({ timeout: 30_000 });
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and waits for a row containing `text`. */
  async problemRow(text: string): Promise<Locator> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+Shift+M');
    const row = this.page.locator('.part.panel .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ timeout: 30_000 });
    return row;
  }

  /** Opens the command palette (F1) with `text` typed; returns the visible entries. */
  async palette(text: string): Promise<string[]> {
    await this.focusEditor();
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${text}`);
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    return rows.allInnerTexts();
  }

  async closeQuickInput(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Hovers the first occurrence of `word` in the editor; returns the hover widget once it shows `expected`. */
  async hover(word: string, expected: string | RegExp): Promise<Locator> {
    // A rendered token may hold more than the word (no grammar, or a long token): aim at the
    // word's own characters inside it, in the monospace editor font.
    const token = this.page.locator('.monaco-editor .view-line span span', { hasText: word }).first();
    const text = await token.innerText();
    const box = await token.boundingBox();
    if (!box) throw new Error(`"${word}" is not on screen`);
    const charWidth = box.width / text.length;
    const at = text.indexOf(word) + word.length / 2;
    await this.page.mouse.move(box.x + charWidth * at, box.y + box.height / 2);
    const widget = this.page.locator('.monaco-hover', { hasText: expected }).first();
    await widget.waitFor({ state: 'visible', timeout: 15_000 });
    return widget;
  }

  async focusEditor(): Promise<void> {
    await this.page.locator('.monaco-editor .view-lines').first().click({ position: { x: 400, y: 5 } });
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
