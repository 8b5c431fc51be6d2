/**
 * Tokenizes text with the extension's TextMate grammars the way VS Code does
 * (vscode-textmate on the Oniguruma regex engine), for grammar tests.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { IGrammar, INITIAL, Registry, parseRawGrammar } from 'vscode-textmate';
import { ROOT } from './lspClient';

const FILES: Record<string, string> = {
  'source.postfix.main': 'postfix-main.tmLanguage.json',
  'source.postfix.master': 'postfix-master.tmLanguage.json',
  'source.postfix.log': 'postfix-log.tmLanguage.json',
};

let registry: Registry | undefined;

function getRegistry(): Registry {
  if (registry) return registry;
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  const onigLib = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s: string) => new oniguruma.OnigString(s),
  }));
  registry = new Registry({
    onigLib,
    loadGrammar: async (scopeName) => {
      const file = FILES[scopeName];
      if (!file) return null;
      const p = path.join(ROOT, 'syntaxes', file);
      return parseRawGrammar(readFileSync(p, 'utf8'), p);
    },
  });
  return registry;
}

export interface Token {
  text: string;
  start: number;
  scopes: string[];
}

export interface Tokenized {
  lines: string[];
  tokens: Token[][];
  /** True when any line hit the time limit (a sign of runaway backtracking). */
  stoppedEarly: boolean;
}

export type ScopeName = 'source.postfix.main' | 'source.postfix.master' | 'source.postfix.log';

export async function grammarFor(scopeName: ScopeName): Promise<IGrammar> {
  const grammar = await getRegistry().loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar for ${scopeName}`);
  return grammar;
}

export async function tokenize(scopeName: ScopeName, text: string, timeLimitMs = 2000): Promise<Tokenized> {
  const grammar = await grammarFor(scopeName);
  const lines = text.split(/\r?\n/);
  const tokens: Token[][] = [];
  let stack = INITIAL;
  let stoppedEarly = false;
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, stack, timeLimitMs);
    stoppedEarly ||= r.stoppedEarly;
    tokens.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, scopes: t.scopes })));
    stack = r.ruleStack;
  }
  return { lines, tokens, stoppedEarly };
}

/**
 * The scopes every character of `needle` (its `nth` occurrence on line `line`) has in
 * common; throws when the needle is not there. A RegExp needle matches whole tokens
 * such as a lone "n" that a plain search would find inside "inet".
 */
export function scopesOf(t: Tokenized, line: number, needle: string | RegExp, nth = 0): string[] {
  const text = t.lines[line];
  const hits = typeof needle === 'string'
    ? [...text.matchAll(new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))]
    : [...text.matchAll(new RegExp(needle.source, 'g'))];
  const hit = hits[nth];
  if (!hit || hit.index === undefined) throw new Error(`"${needle}" not on line ${line}: ${text}`);
  const at = hit.index;
  const length = hit[0].length;
  const covering = t.tokens[line].filter((tok) => tok.start < at + length && tok.start + tok.text.length > at);
  return covering.map((tok) => tok.scopes).reduce((a, b) => a.filter((s) => b.includes(s)));
}
