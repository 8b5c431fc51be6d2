/**
 * The extension-host suite's entry: the @vscode/test-electron contract, a module whose
 * run() the extension host calls with the workbench up. It runs every *.test.js beside it
 * with mocha and prints a "N passed, N failed" line the runners read.
 * EDITOR_TEST_GREP (in code-server's environment) runs only matching tests.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  if (process.env.EDITOR_TEST_GREP) mocha.grep(process.env.EDITOR_TEST_GREP);
  // One file per feature; sorted so activation (which must see the extension inactive) runs first.
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats;
      console.log(`${stats?.passes ?? 0} passed, ${failures} failed${stats?.pending ? `, ${stats.pending} pending` : ''}`);
      if (failures > 0) reject(new Error(`${failures} editor test(s) failed`));
      else resolve();
    });
  });
}
