/** A quick-fix builder: from one diagnostic (its code and data) to code actions. */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../features/context';

export type FixBuilder = (ctx: FeatureContext, diagnostic: Diagnostic) => CodeAction[];
