/**
 * The same extension-host suite through @vscode/test-electron, which downloads desktop
 * VS Code: for machines with internet (CI here has none and uses code-server instead).
 * Usage: npm run test:electron   (VSCODE_VERSION=1.100.3 to pin a release; default stable)
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT } from '../helpers/lspClient';

async function main(): Promise<void> {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out', 'test', 'editor', 'suite', 'index.js'),
    launchArgs: [path.join(ROOT, 'test', 'fixtures', 'editor-workspace'), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
}

main().catch((e) => {
  console.error(`test:electron failed: ${(e as Error).message}`);
  process.exit(1);
});
