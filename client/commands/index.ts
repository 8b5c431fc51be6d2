/** Palette commands: each area registers its own in a file of its own. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerDeclareReceiver } from './declareReceiver';
import { registerDiagnoseCommands } from './diagnose';
import { registerStrictProvider } from './strictProvider';
import { registerUpgradeReview } from './upgradeReview';
import { registerExplainLog } from './explainLog';

export type CommandRegistrar = (context: vscode.ExtensionContext, client: LanguageClient) => void;

const REGISTRARS: readonly CommandRegistrar[] = [
  registerDiagnoseCommands,
  registerStrictProvider,
  registerUpgradeReview,
  registerDeclareReceiver,
  registerExplainLog,
];

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  for (const register of REGISTRARS) register(context, client);
}
