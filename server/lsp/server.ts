/**
 * LSP wiring: capabilities, document sync and one short handler per request. All
 * knowledge lives in ../core behind its one entry, createLanguageService(); this file only
 * moves data between the two.
 */
import {
  CancellationToken, CodeActionKind, Connection, DidChangeConfigurationNotification, InitializeParams, InitializeResult,
  LSPErrorCodes, ResponseError, TextDocumentIdentifier, TextDocumentSyncKind, TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { OpenDocument, guardedDocuments, lastEdit, lengthOf } from './documents';
import { DocumentRequest, ReceiverCapInput, StrictProviderInput, createLanguageService } from '../core/languageService';
import { SettingsCache } from './settings';
import { Workspace } from './workspace';
import { collectAfterLargeCheck, collectNow } from './memory';
import { UpgradeReviewAnswer, UpgradeReviewParams, releasesAnswer, upgradeReviewAnswer } from './upgrade';
import { registerExplainLog } from './explainLog';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments<OpenDocument>(guardedDocuments);
  const service = createLanguageService();
  const workspace = new Workspace(service, (uri) => documents.get(uri), () => settings.settings);
  let settings!: SettingsCache;
  let pushConfig = false;
  /** Uris we published diagnostics for, per configuration owner, to clear them later. */
  const published = new Map<string, Set<string>>();
  const pending = new Set<string>();
  let scheduled = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const canPull = !!caps.workspace?.configuration;
    pushConfig = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    const init = (params.initializationOptions ?? {}) as { trusted?: boolean; settings?: unknown };
    settings = new SettingsCache(connection, canPull, init.trusted !== false);
    if (init.settings !== undefined) void settings.push(init.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['$', '{', '(', '=', ' ', '-'] },
        definitionProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'postfix-language-server' },
    };
  });

  connection.onInitialized(async () => {
    if (pushConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'postfix' });
    await settings.refresh();
    recheckAll();
  });

  connection.onDidChangeConfiguration(async (change) => {
    const section = (change.settings as { postfix?: unknown } | undefined)?.postfix;
    if (section !== undefined) await settings.push(section);
    else await settings.refresh();
    recheckAll();
  });

  connection.onDidChangeWatchedFiles(() => recheckAll());
  // Whether a file the editor shows as plain text is a lookup table the main.cf beside it names.
  connection.onRequest('postfix/isLookupTable', (p: { uri?: unknown }) => {
    try {
      return typeof p?.uri === 'string' && workspace.isMap(TextDocument.create(p.uri, 'plaintext', 0, ''));
    } catch {
      return false;
    }
  });

  connection.onHover((p, token) => withRequest(p, token, (r) => service.hover(r, p.position), null));
  connection.onCompletion((p, token) => withRequest(p, token, (r) => service.completion(r, p.position), []));
  connection.onDefinition((p, token) => {
    // A Postfix log: from a queue ID to its other lines.
    const log = documents.get(p.textDocument.uri);
    if (log?.languageId === 'postfix-log') return token.isCancellationRequested ? [] : service.logDefinition(log.uri, log.getText(), p.position);
    return withRequest(p, token, (r) => service.definition(r, p.position), []);
  });
  connection.onDocumentSymbol((p, token) => withRequest(p, token, (r) => service.documentSymbols(r), []));
  connection.onCodeAction((p, token) => withRequest(p, token, (r) => service.codeActions(r, p.range, p.context.diagnostics), []));
  connection.onCodeLens((p, token) => withRequest(p, token, (r) => service.codeLenses(r), []));
  connection.onRequest('postfix/summary', (p: { textDocument: TextDocumentIdentifier }, token) => withRequest(p, token, (r) => service.summary(r), null));
  connection.onRequest('postfix/strictProviderEdit', (p: { textDocument: TextDocumentIdentifier } & StrictProviderInput, token) =>
    withRequest(p, token, (r) => service.strictProviderEdit(r, p), { error: 'This document is not part of a Postfix configuration.' }));
  connection.onRequest('postfix/strictProviderContext', (p: { textDocument: TextDocumentIdentifier }, token) =>
    withRequest(p, token, (r) => service.strictProviderContext(r), null));
  connection.onRequest('postfix/upgradeReview', (p: { textDocument: TextDocumentIdentifier } & UpgradeReviewParams, token) =>
    withRequest<UpgradeReviewAnswer>(p, token, (r) => upgradeReviewAnswer(service, r, p ?? {}), { error: 'This document is not part of a Postfix configuration.' }));
  connection.onRequest('postfix/releases', () => releasesAnswer(settings.settings));
  connection.onRequest('postfix/receiverCapEdit', (p: { textDocument: TextDocumentIdentifier } & ReceiverCapInput, token) =>
    withRequest(p, token, (r) => service.receiverCapEdit(r, p), { error: 'Open the main.cf or master.cf that should carry the directive.' }));
  registerExplainLog(connection, service, (uri) => {
    const doc = documents.get(uri);
    const files = doc && workspace.filesFor(doc);
    return files && (files.main || files.master) ? { files, settings: settings.settings } : undefined;
  });

  /**
   * Runs a feature on the configuration of the request's document. Unknown documents and
   * malformed params answer `fallback`; a failure is logged and answers `fallback`; a
   * request cancelled before it starts answers "cancelled". Never throws.
   */
  function withRequest<T, F = T>(
    params: { textDocument?: TextDocumentIdentifier } | null | undefined, token: CancellationToken,
    run: (request: DocumentRequest) => T, fallback: F,
  ): T | F | ResponseError<void> {
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
    const uri = params?.textDocument?.uri;
    try {
      const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
      if (!doc) return fallback;
      const files = workspace.filesFor(doc);
      const file = workspace.isMap(doc) ? workspace.mapSourceOf(doc, files) : workspace.sourceOf(doc);
      if (!file) return fallback;
      return run({ files, file, settings: settings.settings });
    } catch (e) {
      connection.console.error(`postfix: request on ${uri} failed: ${(e as Error).stack ?? e}`);
      return fallback;
    }
  }

  documents.onDidOpen((e) => schedule(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    workspace.forget(e.document.uri);
    const kind = workspace.kindOf(e.document.uri, e.document.languageId);
    const sibling = kind && workspace.siblingUri(e.document.uri, kind);
    const siblingDoc = sibling ? documents.get(sibling) : undefined;
    clear(e.document.uri);
    if (siblingDoc) schedule(siblingDoc.uri);
  });

  /** Coalesces bursts of changes: each configuration is checked once per turn. */
  /** Documents longer than this get their line starts found right after opening (see check). */
  const WARM_LINE_STARTS = 1 << 20;

  function schedule(uri: string): void {
    pending.add(uri);
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      const uris = [...pending];
      pending.clear();
      for (const u of uris) check(u);
    });
  }

  function recheckAll(): void {
    for (const doc of documents.all()) schedule(doc.uri);
  }

  /** Checks the configuration `uri` belongs to and publishes for both of its files. */
  function check(uri: string): void {
    const doc = documents.get(uri);
    if (!doc) return;
    let byUri: Map<string, import('vscode-languageserver').Diagnostic[]>;
    let checkedLength = 0;
    try {
      const files = workspace.filesFor(doc);
      if (!files.main && !files.master && !files.maps?.size) return;
      byUri = service.validate(files, settings.settings);
      checkedLength = (files.main?.text.length ?? 0) + (files.master?.text.length ?? 0);
    } catch (e) {
      connection.console.error(`postfix: check of ${uri} failed: ${(e as Error).stack ?? e}`);
      return;
    }
    const large = lengthOf(doc) > WARM_LINE_STARTS;
    if (large && workspace.isMap(doc) && !lastEdit(doc)) {
      // A large table just opened (or replaced whole): what the first edit would wait for is
      // done before the diagnostics go out, where a few tens of ms are lost in the half
      // second the open takes. Its lines are counted (an edit's position needs them), and the
      // text it was read from (from disk, and the message it came in) is collected.
      void doc.lineCount;
      collectNow();
    }
    const uris = new Set<string>();
    for (const [target, diagnostics] of byUri) {
      const open = documents.get(target);
      void connection.sendDiagnostics({ uri: target, version: open?.version, diagnostics });
      uris.add(target);
    }
    published.set(uri, uris);
    collectAfterLargeCheck(checkedLength);
    // The first edit of a document needs its lines counted, chunk by chunk, to turn the
    // change's position into an offset: for a 1,000,000-line table, about 20 ms. Done now,
    // after the diagnostics are written, the edit does not wait for it (later versions
    // keep the counts of the chunks an edit did not touch).
    if (large) setImmediate(() => void documents.get(uri)?.lineCount);
  }

  /** Clears what was published for a closed document, unless its sibling is still open. */
  function clear(uri: string): void {
    const uris = published.get(uri) ?? new Set([uri]);
    published.delete(uri);
    for (const target of uris) {
      const stillShown = [...published.values()].some((set) => set.has(target));
      if (!stillShown || target === uri) void connection.sendDiagnostics({ uri: target, diagnostics: [] });
    }
  }

  documents.listen(connection);
  connection.listen();
}
