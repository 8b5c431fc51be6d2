/**
 * The language server in a second real client: headless Neovim (Debian's 0.7.2) starts the
 * built dist/server.js over stdio with vim.lsp.start_client, opens a main.cf, and reports
 * the diagnostics Neovim stored and the hover: the server's answer and the lines Neovim
 * would show in its float.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, SERVER } from '../helpers/lspClient';

const LUA = path.join(ROOT, 'test', 'neovim', 'client.lua');

interface NvimReport {
  filetype: string;
  got_diagnostics: boolean;
  diagnostics: { code: string; range: { start: { line: number; character: number } } }[];
  vim_diagnostics: { lnum: number; col: number; end_col: number; severity: number; message: string; source: string; code: string }[];
  hover: { answered: boolean; error: unknown; result: unknown; lines?: string[] };
  stopped: boolean;
  lua_error?: string;
}

function nvimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

describe('Neovim (headless) as an LSP client', () => {
  let tmp: string;
  let report: NvimReport;
  before(() => {
    // CI installs neovim (.ci/install-apt.sh); without it this suite cannot say anything.
    assert.ok(nvimVersion(), 'nvim is not installed: apt-get install neovim');
    tmp = mkdtempSync(path.join(os.tmpdir(), 'postfix-nvim-'));
    const file = path.join(tmp, 'main.cf');
    writeFileSync(file, 'myhostname = mail.example.com\nmyhostnme = typo.example.com\n');
    const outFile = path.join(tmp, 'report.json');
    const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${LUA}`], {
      cwd: tmp,
      encoding: 'utf8',
      timeout: 40_000,
      env: { ...process.env, POSTFIX_SERVER: SERVER, POSTFIX_FILE: file, POSTFIX_OUT: outFile, POSTFIX_HOVER_LINE: '0', POSTFIX_HOVER_COL: '3' },
    });
    assert.equal(r.status, 0, `nvim exited with ${r.status} ${r.signal ?? ''}: ${r.stderr}`);
    report = JSON.parse(readFileSync(outFile, 'utf8'));
    assert.equal(report.lua_error, undefined);
  });
  after(() => tmp && rmSync(tmp, { recursive: true, force: true }));

  it('receives our diagnostics and stores them as Neovim diagnostics', () => {
    // Neovim's own file type for main.cf is "pfmain": the server goes by the file name then.
    assert.equal(report.filetype, 'pfmain');
    assert.equal(report.got_diagnostics, true);
    assert.deepEqual(report.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`), ['unknown-parameter@1:0']);
    assert.equal(report.vim_diagnostics.length, 1);
    const d = report.vim_diagnostics[0];
    assert.deepEqual([d.lnum, d.col, d.end_col, d.severity, d.source, d.code], [1, 0, 9, 2 /* WARN */, 'postfix', 'unknown-parameter']);
    assert.match(d.message, /Did you mean "myhostname"/);
  });

  it('hovers the parameter under the cursor: its facts and the value in effect', () => {
    assert.equal(report.hover.answered, true, 'the hover request round-trips');
    assert.equal(report.hover.error, null);
    const result = report.hover.result as { contents: { kind: string; value: string }; range: unknown } | null;
    assert.ok(result, 'a hover, not null');
    assert.equal(result.contents.kind, 'markdown');
    assert.deepEqual(result.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } });
    // The lines of Neovim's hover float, built by vim.lsp.util from the Markdown.
    const lines = report.hover.lines ?? [];
    assert.equal(lines[0], '**myhostname** — Postfix parameter');
    assert.ok(lines.includes('- **In effect:** `mail.example.com`, from main.cf line 1'), lines.join('\n'));
    assert.equal(lines[lines.length - 1], '[postconf(5): myhostname](https://www.postfix.org/postconf.5.html#myhostname)');
  });

  it('stops the server cleanly', () => assert.equal(report.stopped, true));
});
