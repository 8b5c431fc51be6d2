/**
 * What a person does in the VS Code workbench, as playwright-core actions on code-server's
 * page: open a file from the Explorer, read the Problems panel, use the command palette,
 * hover, apply a quick-fix from the light bulb, read code lenses. Selectors are VS Code 1.100's.
 */
import type { Locator, Page } from 'playwright-core';

export class Workbench {
  constructor(readonly page: Page) {}

  async waitUntilLoaded(): Promise<void> {
    await this.page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
  }

  /** Clicks through the Explorer tree: each folder, then the file; waits for its editor. */
  async openFromExplorer(relative: string): Promise<void> {
    const parts = relative.split('/');
    for (const i of parts.keys()) {
      const row = await this.explorerRow(parts.slice(0, i + 1));
      const isFile = i === parts.length - 1;
      if (!isFile && (await row.getAttribute('aria-expanded')) === 'true') continue;
      await row.click();
    }
    // Two files may share a name (postfix/main.cf, quickfix/main.cf): the breadcrumbs tell them apart.
    const crumb = (name: string): Locator => this.page.locator('.monaco-breadcrumb-item', { hasText: new RegExp(`^${escape(name)}$`) });
    const path = parts.reduce((l, name) => l.filter({ has: crumb(name) }), this.page.locator('.monaco-breadcrumbs'));
    await path.first().waitFor();
    await this.page.locator('.monaco-editor .view-lines').first().waitFor();
  }

  /**
   * The Explorer row of `path` (folders already expanded, or being expanded): the tree is
   * a flat list of rows with an aria-level each, so a name is looked for below its
   * folder's row, one level deeper. Re-reads the rows until they show it (a folder's
   * children appear a moment after the click), for up to 10 s.
   */
  async explorerRow(path: string[]): Promise<Locator> {
    const rows = this.page.locator('.explorer-folders-view .monaco-list-row');
    await rows.first().waitFor();
    const deadline = Date.now() + 10_000;
    for (;;) {
      const listed = await rows.evaluateAll((els) => els.map((e) => ({
        level: Number(e.getAttribute('aria-level')),
        name: e.querySelector('.label-name')?.textContent ?? '',
      })));
      const index = rowIndex(listed, path);
      if (index >= 0) return rows.nth(index);
      if (Date.now() > deadline) throw new Error(`"${path.join('/')}" is not in the Explorer: ${JSON.stringify(listed)}`);
      await this.page.waitForTimeout(100);
    }
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
    const at = await this.wordPoint(word);
    await this.page.mouse.move(at.x, at.y);
    const widget = this.page.locator('.monaco-hover', { hasText: expected }).first();
    await widget.waitFor({ state: 'visible', timeout: 15_000 });
    // The hover fades in: let that finish, so a screenshot shows it as a person sees it.
    await widget.evaluate((el) => Promise.all((el as unknown as Animated).getAnimations({ subtree: true }).map((a) => a.finished)));
    return widget;
  }

  /**
   * Puts the cursor on `word` (a click), opens the light bulb's menu and waits for the
   * action `title` in it, focused (the caller may take a screenshot, then press Enter).
   */
  async openQuickFixes(word: string, title: string): Promise<Locator> {
    await this.page.mouse.move(0, 0);
    const at = await this.wordPoint(word);
    await this.page.mouse.click(at.x, at.y);
    // The bulb shows once the code actions for the cursor's line are known.
    const bulb = this.page.locator('.lightBulbWidget');
    await bulb.waitFor({ state: 'visible', timeout: 15_000 });
    await bulb.click();
    const action = this.page.locator('.action-widget .monaco-list-row.focused', { hasText: title }).first();
    await action.waitFor({ state: 'visible', timeout: 15_000 });
    return action;
  }

  /**
   * Puts the cursor on `word` and asks for the quick-fixes there with Ctrl+. (the light bulb
   * may still show the previous line's); waits for the action `title` in the menu.
   */
  async quickFixesAt(word: string, title: string): Promise<Locator> {
    await this.page.mouse.move(0, 0);
    const at = await this.wordPoint(word);
    await this.page.mouse.click(at.x, at.y);
    await this.page.keyboard.press('Control+.');
    const action = this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    await action.waitFor({ state: 'visible', timeout: 15_000 });
    return action;
  }

  /** A code lens over the editor's text, once it shows `text`. */
  async codeLens(text: string): Promise<Locator> {
    const lens = this.page.locator('.monaco-editor .codelens-decoration', { hasText: text }).first();
    await lens.waitFor({ state: 'visible', timeout: 30_000 });
    return lens;
  }

  /**
   * Waits until `count` code lenses show `text` (the lenses of a document are updated one
   * after another: a screenshot waits for all of them).
   */
  async codeLensCount(text: string, count: number): Promise<void> {
    await this.page.waitForFunction(({ text, count }) => {
      const lenses = [...(globalThis as unknown as PageWindow).document.querySelectorAll('.monaco-editor .codelens-decoration')];
      return lenses.filter((l) => l.textContent?.includes(text)).length === count;
    }, { text, count }, { timeout: 15_000 });
  }

  /** Clicks the code lens that shows `text` (a lens with a command is a link). */
  async clickCodeLens(text: string): Promise<void> {
    const lens = await this.codeLens(text);
    await lens.locator('a', { hasText: text }).first().click();
  }

  /**
   * The text of the terminal panel once it holds every one of `expected` (the DOM renderer:
   * the smoke test turns GPU acceleration off), for up to `timeoutMs`. The page itself
   * watches the rows (waitForFunction re-checks on every animation frame). The rows are
   * joined without line breaks: a long line wraps over several rows of the panel's width.
   */
  async terminalText(expected: string[], timeoutMs = 60_000): Promise<string> {
    const selector = '.terminal-wrapper.active .xterm-rows, .terminal-wrapper .xterm-rows';
    await this.page.locator(selector).first().waitFor({ timeout: timeoutMs });
    // xterm pads rows with no-break spaces. The function runs in the page (no closure travels).
    const read = (): Promise<string> => this.page.locator(selector).first().evaluate((el) => (el as unknown as { innerText: string }).innerText.replace(/\u00a0/g, ' ').replace(/\n/g, ''));
    try {
      await this.page.waitForFunction(({ selector, expected }) => {
        const el = (globalThis as unknown as PageWindow).document.querySelector(selector);
        const text = (el?.innerText ?? '').replace(/\u00a0/g, ' ').replace(/\n/g, '');
        return expected.every((e) => text.includes(e));
      }, { selector, expected }, { timeout: timeoutMs });
    } catch {
      throw new Error(`the terminal does not show ${expected.map((e) => `"${e}"`).join(' and ')}:\n${await read()}`);
    }
    return read();
  }

  /** The validation message of the open quick input (an input box's), once it matches `expected`. */
  async quickInputMessage(expected: RegExp): Promise<string> {
    const message = this.page.locator('.quick-input-widget .quick-input-message', { hasText: expected }).first();
    await message.waitFor({ timeout: 15_000 });
    return message.innerText();
  }

  /**
   * The labels of the suggest widget's rows, in the order shown (the rows on screen), once
   * it shows a row labelled `expected` (by default, once it shows any row).
   */
  async suggestions(expected?: string): Promise<string[]> {
    const rows = this.page.locator('.suggest-widget.visible .monaco-list-row');
    const wanted = expected === undefined ? rows.first() : rows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escape(expected)}$`) }) }).first();
    await wanted.waitFor({ timeout: 15_000 });
    const listed = await rows.evaluateAll((els) => els.map((e) => ({
      index: Number(e.getAttribute('data-index')),
      label: e.querySelector('.label-name')?.textContent ?? '',
    })));
    return listed.sort((a, b) => a.index - b.index).map((r) => r.label);
  }

  /** The editor line that holds `text`, once it does. */
  async editorLine(text: string): Promise<Locator> {
    const line = this.page.locator('.monaco-editor .view-line', { hasText: text }).first();
    await line.waitFor({ timeout: 15_000 });
    return line;
  }

  /**
   * The tokens the editor renders for the line holding `text`, with their CSS colour (the
   * theme's colour for each token's grammar scope), e.g. [["smtpd_banner", "rgb(...)"], ...],
   * once the line is split into `atLeast` tokens.
   */
  async lineTokens(text: string, atLeast = 1): Promise<[string, string][]> {
    const line = await this.editorLine(text);
    // Tokenising runs after the text is shown: wait until the line is split as asked.
    await line.locator('span span').nth(atLeast - 1).waitFor({ timeout: 15_000 });
    // The function runs in the page (no closure travels with it); the tests compile without
    // the DOM library, hence the declared window shape.
    return line.locator('span span').evaluateAll((spans) =>
      spans.map((el) => [el.textContent ?? '', (globalThis as unknown as PageWindow).getComputedStyle(el).color] as [string, string]));
  }

  /** Opens the Settings editor (UI) searched for `query`; returns the setting's item once it shows. */
  async settings(query: string, key: string): Promise<Locator> {
    await this.runCommand('Preferences: Open Settings (UI)');
    await this.page.locator('.settings-editor').waitFor();
    // The search box has the focus when the editor opens.
    await this.page.keyboard.type(query);
    const item = this.page.locator(`.settings-editor .setting-item-contents[data-key="${key}"]`).first();
    await item.waitFor({ timeout: 15_000 });
    return item;
  }

  /** Hides the bottom panel (Problems, Terminal) when it shows. */
  async hidePanel(): Promise<void> {
    if (await this.page.locator('.part.panel').isVisible()) await this.runCommand('View: Toggle Panel Visibility');
    await this.page.locator('.part.panel').waitFor({ state: 'hidden' });
  }

  /** Runs a palette command by its exact label, e.g. "File: Revert File". */
  async runCommand(label: string): Promise<void> {
    await this.startCommand(label);
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Starts a palette command that asks something in the quick input itself (an input box). */
  async startCommand(label: string): Promise<void> {
    await this.palette(label);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().click();
  }

  /** Clicks `word`'s first occurrence in the editor: the cursor goes there, the focus to the editor. */
  async clickWord(word: string): Promise<void> {
    const at = await this.wordPoint(word);
    await this.page.mouse.click(at.x, at.y);
  }

  /** The middle of `word`'s first occurrence in the editor, in page coordinates. */
  private async wordPoint(word: string): Promise<{ x: number; y: number }> {
    // A rendered token may hold more than the word (a long token): aim at the word's own
    // characters inside it, in the monospace editor font.
    const token = this.page.locator('.monaco-editor .view-line span span', { hasText: word }).first();
    const text = await token.innerText();
    const box = await token.boundingBox();
    if (!box) throw new Error(`"${word}" is not on screen`);
    const charWidth = box.width / text.length;
    const at = text.indexOf(word) + word.length / 2;
    return { x: box.x + charWidth * at, y: box.y + box.height / 2 };
  }

  async focusEditor(): Promise<void> {
    // In the Settings editor, or with the panel maximized over the editors, the focus is
    // already in the workbench (F1 works from there).
    if (await this.page.locator('.settings-editor').isVisible()) return;
    // The editor's frame, not its lines: those move up out of sight when the editor scrolls.
    // (The panel's views hold hidden editors of their own: the visible one in the editor part.)
    const editor = this.page.locator('.part.editor .monaco-editor .overflow-guard:visible').first();
    if (!(await editor.count())) return;
    await editor.click({ position: { x: 400, y: 5 } });
  }
}

/** Index of `path`'s row in the Explorer's flat list of rows; -1 when it is not there. */
function rowIndex(listed: { level: number; name: string }[], path: string[]): number {
  let index = -1;
  for (const [depth, name] of path.entries()) {
    const level = (listed[0]?.level ?? 1) + depth;
    // Search only inside the parent folder: up to the next row at the parent's level or above.
    let k = index + 1;
    while (k < listed.length && listed[k].level >= level && !(listed[k].level === level && listed[k].name === name)) k++;
    if (k >= listed.length || listed[k].level !== level) return -1;
    index = k;
  }
  return index;
}

/** An element's running CSS animations (the DOM's Element.getAnimations). */
type Animated = { getAnimations(options: { subtree: boolean }): { finished: Promise<unknown> }[] };

/** The part of the page's window that lineTokens uses. */
type PageWindow = {
  getComputedStyle(el: unknown): { color: string };
  document: {
    querySelector(selector: string): { innerText: string } | null;
    querySelectorAll(selector: string): Iterable<{ textContent: string | null }>;
  };
};

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
