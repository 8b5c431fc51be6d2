/**
 * Every command the manifest puts in the palette is registered once the extension is
 * active. One test per contributed command, read from package.json, so each command a
 * feature adds is checked without editing this file.
 */
import { strict as assert } from 'node:assert';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

const ext = vscode.extensions.getExtension(EXTENSION_ID);
const contributed: { command: string; title: string }[] = ext?.packageJSON?.contributes?.commands ?? [];

describe('commands', () => {
  let registered: Set<string>;
  before(async () => {
    await ext!.activate();
    registered = new Set(await vscode.commands.getCommands(true));
  });

  for (const { command, title } of contributed) {
    it(`registers ${command} ("${title}")`, () => assert.ok(registered.has(command), `${command} is not registered`));
  }
});
