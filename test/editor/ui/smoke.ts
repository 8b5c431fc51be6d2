/**
 * UI smoke test: code-server with the extension (an installed .vsix, or a development
 * folder) in headless Debian Chromium, driven through STEPS; saves screenshots and exits
 * non-zero when a step fails.
 *
 * Usage: node out/test/editor/ui/smoke.js (--vsix FILE | --extension DIR) [--shots DIR] [--workspace DIR]
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../../helpers/lspClient';
import { OFFLINE_NOISE, launchChromium } from '../harness/browser';
import { codeServerDir, installVsix, startCodeServer } from '../harness/codeServer';
import { STEPS, StepContext } from './steps';
import { Workbench } from './workbench';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { vsix: { type: 'string' }, extension: { type: 'string' }, shots: { type: 'string' }, workspace: { type: 'string' } },
  });
  if (!values.vsix === !values.extension) throw new Error('give exactly one of --vsix FILE or --extension DIR');
  const shots = path.resolve(values.shots ?? path.join(ROOT, 'test-results', 'screenshots'));
  const workspace = path.resolve(values.workspace ?? path.join(ROOT, 'test', 'fixtures', 'editor-workspace'));
  mkdirSync(shots, { recursive: true });
  const t0 = Date.now();
  const lap = (m: string): void => console.log(`[ui-smoke ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

  const dir = codeServerDir();
  let extensionsDir: string | undefined;
  if (values.vsix) {
    extensionsDir = mkdtempSync(path.join(os.tmpdir(), 'postfix-ui-ext-'));
    installVsix({ dir, vsix: path.resolve(values.vsix), extensionsDir });
    lap(`installed ${values.vsix} with code-server --install-extension`);
  }
  const server = await startCodeServer({ dir, extensionsDir, settings: {
    'editor.hover.delay': 100, 'editor.hover.above': false, 'workbench.colorTheme': 'Default Dark Modern',
    // The DOM renderer, so the steps can read the diagnose terminal's text.
    'terminal.integrated.gpuAcceleration': 'off',
  } });
  const browser = await launchChromium();
  let failed = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' && !OFFLINE_NOISE.test(m.text())) errors.push(m.text()); });
    const failedRequests: string[] = [];
    page.on('response', (r) => { if (r.status() >= 400 && !OFFLINE_NOISE.test(r.url())) failedRequests.push(`${r.status()} ${r.url()}`); });
    const payload = values.extension ? { extensionDevelopmentPath: path.resolve(values.extension) } : undefined;
    await page.goto(server.url(workspace, payload));
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const ctx: StepContext = {
      shot: async (name) => { await page.screenshot({ path: path.join(shots, `${name}.png`) }); lap(`screenshot ${name}.png`); },
      commands: manifest.contributes?.commands ?? [],
      manifest,
      failedRequests: () => [...failedRequests],
    };
    const wb = new Workbench(page);
    for (const step of STEPS) {
      try {
        await step.run(wb, ctx);
        lap(`PASS ${step.name}`);
      } catch (e) {
        failed++;
        lap(`FAIL ${step.name}: ${(e as Error).message.split('\n').slice(0, 4).join(' / ')}`);
        await page.screenshot({ path: path.join(shots, `failure-${failed}.png`) }).catch(() => undefined);
        break; // later steps build on this one
      }
    }
    if (failed && errors.length) console.log(`browser console errors (first 5):\n  ${errors.slice(0, 5).map((t) => t.slice(0, 300)).join('\n  ')}`);
    if (failedRequests.length) console.log(`failed requests (first 5):\n  ${failedRequests.slice(0, 5).join('\n  ')}`);
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    if (extensionsDir) rmSync(extensionsDir, { recursive: true, force: true });
  }
  lap(failed ? 'UI smoke test FAILED' : `UI smoke test passed (${STEPS.length} steps); screenshots in ${shots}`);
  return failed;
}

main().then(
  (failed) => process.exit(failed ? 1 : 0),
  (e) => { console.error(e); process.exit(1); },
);
