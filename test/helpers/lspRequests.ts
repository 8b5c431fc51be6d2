/**
 * Every request a client can send about a document, derived from what the server
 * advertises in `initialize`: a capability the server gains later is fuzzed and timed
 * with no change here, as long as it is a standard LSP one. A `*Provider` this table does
 * not know makes `requestsFor` report it, so nothing advertised goes untested.
 */
import type { Diagnostic, Position, Range } from 'vscode-languageserver-types';

/** Where and with what a request is made. */
export interface RequestSite {
  uri: string;
  position: Position;
  range: Range;
  diagnostics: Diagnostic[];
}

export interface RequestKind {
  /** Capability it comes from, e.g. "hoverProvider". */
  capability: string;
  method: string;
  params(site: RequestSite): unknown;
  /** Follow-up requests on each item of the answer (resolve), when advertised. */
  resolve?: string;
}

type Caps = Record<string, unknown>;
const doc = (s: RequestSite) => ({ textDocument: { uri: s.uri } });
const atPos = (s: RequestSite) => ({ ...doc(s), position: s.position });
const inRange = (s: RequestSite) => ({ ...doc(s), range: s.range });
const FORMAT = { tabSize: 4, insertSpaces: true };
const hasResolve = (cap: unknown): boolean => !!cap && typeof cap === 'object' && (cap as { resolveProvider?: boolean }).resolveProvider === true;

/** capability -> the requests it enables. */
const TABLE: Record<string, (cap: unknown) => Omit<RequestKind, 'capability'>[]> = {
  hoverProvider: () => [{ method: 'textDocument/hover', params: atPos }],
  completionProvider: (cap) => [{ method: 'textDocument/completion', params: atPos, resolve: hasResolve(cap) ? 'completionItem/resolve' : undefined }],
  signatureHelpProvider: () => [{ method: 'textDocument/signatureHelp', params: atPos }],
  declarationProvider: () => [{ method: 'textDocument/declaration', params: atPos }],
  definitionProvider: () => [{ method: 'textDocument/definition', params: atPos }],
  typeDefinitionProvider: () => [{ method: 'textDocument/typeDefinition', params: atPos }],
  implementationProvider: () => [{ method: 'textDocument/implementation', params: atPos }],
  referencesProvider: () => [{ method: 'textDocument/references', params: (s) => ({ ...atPos(s), context: { includeDeclaration: true } }) }],
  documentHighlightProvider: () => [{ method: 'textDocument/documentHighlight', params: atPos }],
  documentSymbolProvider: () => [{ method: 'textDocument/documentSymbol', params: doc }],
  codeActionProvider: (cap) => [{
    method: 'textDocument/codeAction', params: (s) => ({ ...inRange(s), context: { diagnostics: s.diagnostics } }),
    resolve: hasResolve(cap) ? 'codeAction/resolve' : undefined,
  }],
  codeLensProvider: (cap) => [{ method: 'textDocument/codeLens', params: doc, resolve: hasResolve(cap) ? 'codeLens/resolve' : undefined }],
  documentLinkProvider: (cap) => [{ method: 'textDocument/documentLink', params: doc, resolve: hasResolve(cap) ? 'documentLink/resolve' : undefined }],
  colorProvider: () => [{ method: 'textDocument/documentColor', params: doc }],
  documentFormattingProvider: () => [{ method: 'textDocument/formatting', params: (s) => ({ ...doc(s), options: FORMAT }) }],
  documentRangeFormattingProvider: () => [{ method: 'textDocument/rangeFormatting', params: (s) => ({ ...inRange(s), options: FORMAT }) }],
  documentOnTypeFormattingProvider: (cap) => [{
    method: 'textDocument/onTypeFormatting',
    params: (s) => ({ ...atPos(s), ch: (cap as { firstTriggerCharacter?: string }).firstTriggerCharacter ?? '\n', options: FORMAT }),
  }],
  renameProvider: (cap) => [
    { method: 'textDocument/rename', params: (s) => ({ ...atPos(s), newName: 'renamed_name' }) },
    ...(cap && typeof cap === 'object' && (cap as { prepareProvider?: boolean }).prepareProvider ? [{ method: 'textDocument/prepareRename', params: atPos }] : []),
  ],
  foldingRangeProvider: () => [{ method: 'textDocument/foldingRange', params: doc }],
  selectionRangeProvider: () => [{ method: 'textDocument/selectionRange', params: (s) => ({ ...doc(s), positions: [s.position, s.range.start] }) }],
  semanticTokensProvider: (cap) => {
    const c = (cap ?? {}) as { full?: unknown; range?: unknown };
    return [
      ...(c.full ? [{ method: 'textDocument/semanticTokens/full', params: doc }] : []),
      ...(c.range ? [{ method: 'textDocument/semanticTokens/range', params: inRange }] : []),
    ];
  },
  linkedEditingRangeProvider: () => [{ method: 'textDocument/linkedEditingRange', params: atPos }],
  callHierarchyProvider: () => [{ method: 'textDocument/prepareCallHierarchy', params: atPos }],
  typeHierarchyProvider: () => [{ method: 'textDocument/prepareTypeHierarchy', params: atPos }],
  monikerProvider: () => [{ method: 'textDocument/moniker', params: atPos }],
  inlayHintProvider: (cap) => [{ method: 'textDocument/inlayHint', params: inRange, resolve: hasResolve(cap) ? 'inlayHint/resolve' : undefined }],
  inlineValueProvider: () => [{ method: 'textDocument/inlineValue', params: (s) => ({ ...inRange(s), context: { frameId: 1, stoppedLocation: s.range } }) }],
  diagnosticProvider: () => [{ method: 'textDocument/diagnostic', params: doc }],
  workspaceSymbolProvider: () => [{ method: 'workspace/symbol', params: () => ({ query: 'smtp' }) }],
  executeCommandProvider: (cap) => ((cap as { commands?: string[] }).commands ?? []).map((command) => ({
    // Garbage arguments: a command must reject them, not act on them.
    method: 'workspace/executeCommand', params: () => ({ command, arguments: [{ junk: true }, 42] }),
  })),
};

/** Capabilities that are not requests about a document. */
const NOT_REQUESTS = new Set(['textDocumentSync', 'positionEncoding', 'workspace', 'experimental', 'notebookDocumentSync']);

/** Custom requests the server answers without advertising them. */
const CUSTOM: RequestKind[] = [
  { capability: 'custom', method: 'postfix/summary', params: doc },
  { capability: 'custom', method: 'postfix/upgradeReview', params: (s) => ({ ...doc(s), from: '3.5', to: '3.10' }) },
];

/** The requests the server's capabilities enable, and the capabilities this table does not know. */
export function requestsFor(capabilities: Caps, options: { includeCommands?: boolean } = {}): { kinds: RequestKind[]; unknown: string[] } {
  const kinds: RequestKind[] = [...CUSTOM];
  const unknown: string[] = [];
  for (const [capability, value] of Object.entries(capabilities)) {
    if (NOT_REQUESTS.has(capability) || value === false || value === undefined || value === null) continue;
    if (capability === 'executeCommandProvider' && !options.includeCommands) continue;
    const make = TABLE[capability];
    if (!make) {
      unknown.push(capability);
      continue;
    }
    for (const kind of make(value)) kinds.push({ capability, ...kind });
  }
  return { kinds, unknown };
}
