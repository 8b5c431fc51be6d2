/**
 * Runs the extension-host suite (test/editor/suite, a module exporting run()) inside
 * code-server's real Node extension host, the contract @vscode/test-electron uses, and
 * exits with its result. The suite's console output comes back through the workbench's
 * log and is printed here.
 *
 * Usage: node out/test/editor/harness/runSuite.js [--extension DIR | --vsix FILE] [--tests FILE] [--workspace DIR]
 *   --extension  extensionDevelopmentPath (default: the repository)
 *   --vsix       install the package with code-server --install-extension and test the
 *                installed copy: what users get, with nothing from the repository's node_modules
 *   CODE_SERVER_DIR, EDITOR_TEST_TIMEOUT_S (default 240), KEEP_TMP=1 (keep logs)
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs, format } from 'node:util';
import { ROOT } from '../../helpers/lspClient';
import { OFFLINE_NOISE, launchChromium } from './browser';
import { codeServerDir, installVsix, startCodeServer } from './codeServer';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { extension: { type: 'string' }, vsix: { type: 'string' }, tests: { type: 'string' }, workspace: { type: 'string' } },
  });
  const dir = codeServerDir();
  const installed = values.vsix ? installCopy(dir, path.resolve(values.vsix)) : undefined;
  const extension = installed?.extension ?? path.resolve(values.extension ?? ROOT);
  const tests = path.resolve(values.tests ?? path.join(ROOT, 'out', 'test', 'editor', 'suite', 'index.js'));
  const workspace = path.resolve(values.workspace ?? path.join(ROOT, 'test', 'fixtures', 'editor-workspace'));
  const timeoutMs = 1000 * Number(process.env.EDITOR_TEST_TIMEOUT_S ?? 240);
  const t0 = Date.now();
  const lap = (m: string): void => console.log(`[editor-suite ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

  // The suite asserts the newest release's facts whatever Postfix this machine has installed;
  // settings.test.ts removes this to check the default (auto).
  const server = await startCodeServer({ dir, settings: { 'postfix.version': 'latest' } });
  lap(`code-server up on ${server.base}; extension ${extension}`);
  const browser = await launchChromium();
  let timer: NodeJS.Timeout | undefined;
  try {
    const page = await browser.newPage();
    const result = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      timer = setTimeout(() => { lap('TIMEOUT'); resolve(124); }, timeoutMs);
    });
    page.on('console', (message) => void printForwarded(message.args()));
    page.on('pageerror', (e) => console.log(`  [pageerror] ${e.message}`));
    await page.goto(server.url(workspace, { extensionDevelopmentPath: extension, extensionTestsPath: tests }));
    lap('workbench loading; the suite runs in the extension host');
    const code = await result;
    await new Promise((r) => setTimeout(r, 300)); // let the last forwarded lines drain before closing
    lap(`suite finished with ${code}`);
    if (code !== 0) console.log(`--- code-server log (tail) ---\n${server.log().split('\n').slice(-40).join('\n')}`);
    return code;
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => undefined);
    await server.stop();
    if (installed) rmSync(installed.extensionsDir, { recursive: true, force: true });
  }
}

/** Installs the .vsix into a scratch extensions folder and finds the installed extension. */
function installCopy(dir: string, vsix: string): { extensionsDir: string; extension: string } {
  const extensionsDir = mkdtempSync(path.join(os.tmpdir(), 'postfix-vsix-'));
  installVsix({ dir, vsix, extensionsDir });
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}-`.toLowerCase();
  const folder = readdirSync(extensionsDir).find((f) => f.toLowerCase().startsWith(id));
  if (!folder) throw new Error(`${vsix} did not install as ${id}* in ${extensionsDir}`);
  return { extensionsDir, extension: path.join(extensionsDir, folder) };
}

/**
 * The workbench forwards extension-host console output as ['%c LEVEL', css, format, ...args];
 * everything else on the page console is the workbench's own business.
 */
async function printForwarded(args: { jsonValue(): Promise<unknown> }[]): Promise<void> {
  const values = await Promise.all(args.map((a) => a.jsonValue().catch(() => '[?]')));
  const head = values[0];
  if (typeof head !== 'string' || !head.startsWith('%c')) return;
  const level = head.replace('%c', '').trim();
  const line = format(...values.slice(2));
  if (OFFLINE_NOISE.test(line)) return;
  console.log(level === 'INFO' ? `  ${line}` : `  [${level}] ${line}`);
}

main().then(
  (code) => process.exit(code === 0 ? 0 : 1),
  (e) => { console.error(e); process.exit(1); },
);
