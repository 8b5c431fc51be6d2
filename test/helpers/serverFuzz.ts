/**
 * The mutation fuzzer for the running server (dist/server.js --stdio): opens and changes
 * documents with mutated corpus text (full and incremental changes), fires every request
 * type the server advertises at random positions, applies every code action it offers,
 * and records every violation: a request not answered, a range outside its document, a
 * stale or missing publication, an edit that is not exact, a request over its time bound,
 * anything but LSP on stdout, the server exiting. Used by the CI test (fixed size) and by
 * scripts/soak.mjs (fixed duration). Deterministic for a seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, InitializeResult, Position } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient';
import { StdoutMonitor } from './stdoutMonitor';
import { processCpuMs } from './cpu';
import { CorpusConfig } from './corpus';
import { Random, mutatedPair, tokenSoup, worstCases } from './hostile';
import { RequestKind, requestsFor } from './lspRequests';
import { rangeProblems, resultRangeProblems } from './invariants';
import { applyAction, verifyAction } from './editCheck';
import { FuzzReport, RequestTiming, isLarge } from './fuzzReport';

export { FuzzReport, writeReport } from './fuzzReport';

export interface FuzzOptions {
  seed: number;
  corpus: readonly CorpusConfig[];
  /** Stop after this many inputs, or after this many ms, whichever comes first. */
  iterations?: number;
  durationMs?: number;
  /** Time bounds per request, in ms of server CPU: stock-size inputs and the largest ones. */
  stockBoundMs?: number;
  largeBoundMs?: number;
  /** Run the worst cases (1 MB lines, 200,000 lines, ...) as every 25th input too. */
  includeLarge?: boolean;
  /** Exactly these inputs, instead of mutations. */
  inputs?: { name: string; main: string; master: string }[];
  /** Code actions to apply and verify per input, at most. */
  actionsPerInput?: number;
  onProgress?: (report: FuzzReport) => void;
  /** Where to save the texts of inputs that caused a violation. */
  failuresDir?: string;
}

const REQUEST_TIMEOUT_MS = 60_000;

interface Doc {
  uri: string;
  doc: TextDocument;
}

class Fuzzer {
  readonly report: FuzzReport;
  private readonly rnd: Random;
  private client!: TestClient;
  private stdout!: StdoutMonitor;
  private kinds: RequestKind[] = [];
  private input = '';
  private large = false;
  private exited: string | undefined;

  constructor(private readonly options: FuzzOptions) {
    this.rnd = new Random(options.seed);
    this.report = {
      seed: options.seed, inputsTried: 0, largeInputsTried: 0, requestsSent: 0, requestsByMethod: {}, actionsChecked: 0,
      durationMs: 0, capabilities: [], unknownCapabilities: [], violations: [],
    };
  }

  async run(): Promise<FuzzReport> {
    const started = Date.now();
    await this.start();
    const limit = this.options.iterations ?? Infinity;
    const until = started + (this.options.durationMs ?? Infinity);
    const large = this.options.includeLarge ? worstCases() : [];
    try {
      const fixed = this.options.inputs;
      for (let i = 0; i < (fixed ? fixed.length : limit) && Date.now() < until && !this.exited; i++) {
        const worst = large.length && i % 25 === 24 ? large[(i / 25) % large.length | 0] : undefined;
        const pair = fixed?.[i] ?? worst ?? this.nextPair(i);
        await this.fuzzOne(`${i}`, pair.name, pair);
        this.options.onProgress?.(this.report);
        if (this.report.violations.length > 50) break;
      }
    } finally {
      await this.stop();
      this.report.durationMs = Date.now() - started;
    }
    return this.report;
  }

  private nextPair(i: number): { name: string; main: string; master: string } {
    if (i % 10 === 9) return { name: 'token soup', main: tokenSoup(this.rnd, this.rnd.int(300)), master: tokenSoup(this.rnd, this.rnd.int(300)) };
    const pair = mutatedPair(this.options.corpus, this.rnd);
    return { name: pair.source, ...pair };
  }

  private async start(): Promise<void> {
    this.client = new TestClient();
    this.stdout = new StdoutMonitor(this.client.process.stdout);
    this.client.process.on('exit', (code, signal) => {
      this.exited = `the server exited (code ${code}, signal ${signal})`;
    });
    const init = (await this.client.initialize({ initializationOptions: { trusted: false } })) as InitializeResult;
    const caps = (init.capabilities ?? {}) as Record<string, unknown>;
    const { kinds, unknown } = requestsFor(caps, { includeCommands: true });
    this.kinds = kinds;
    this.report.capabilities = Object.keys(caps).sort();
    this.report.unknownCapabilities = unknown;
    for (const u of unknown) this.violate(`the server advertises ${u}, which the fuzzer cannot call: add it to test/helpers/lspRequests.ts`);
  }

  private async stop(): Promise<void> {
    if (this.exited && !this.report.violations.includes(this.exited)) this.violate(this.exited);
    for (const v of this.stdout.violations) this.violate(v);
    await this.client.shutdown();
  }

  private violate(what: string): void {
    if (this.report.violations.length < 200) this.report.violations.push(`[input ${this.input}] ${what}`);
    this.saveInput();
  }

  private texts: { main: string; master: string } | undefined;
  private saved = new Set<string>();

  /** Keeps the texts of an input that caused a violation, to replay it (FuzzOptions.inputs). */
  private saveInput(): void {
    const dir = this.options.failuresDir;
    if (!dir || !this.texts || this.saved.has(this.input)) return;
    this.saved.add(this.input);
    const name = `seed${this.options.seed}-input${this.input.split(' ')[0]}`;
    mkdirSync(path.join(dir, name), { recursive: true });
    writeFileSync(path.join(dir, name, 'main.cf'), this.texts.main);
    writeFileSync(path.join(dir, name, 'master.cf'), this.texts.master);
  }

  /** One input: open or change both files, check diagnostics, fire every request, apply actions. */
  private async fuzzOne(id: string, name: string, texts: { main: string; master: string }): Promise<void> {
    this.input = `${id} (${name}, seed ${this.options.seed})`;
    this.texts = texts;
    this.large = [texts.main, texts.master].some(isLarge);
    this.report.inputsTried++;
    if (this.large) this.report.largeInputsTried++;
    const folder = this.rnd.next() < 0.5 ? `file:///fuzz/f${this.rnd.int(3)}` : `untitled:/fuzz/u${this.rnd.int(3)}`;
    const exact = this.options.inputs !== undefined;
    const docs = [await this.sync(`${folder}/main.cf`, texts.main, exact), await this.sync(`${folder}/master.cf`, texts.master, exact)];
    if (this.exited) return;
    // What the server holds (an incremental change may have made it differ from the input).
    this.texts = { main: docs[0].doc.getText(), master: docs[1].doc.getText() };
    const diagnostics = new Map<string, Diagnostic[]>();
    for (const d of docs) diagnostics.set(d.uri, this.latestDiagnostics(d));
    for (const d of docs) {
      for (const kind of this.kinds) await this.fire(kind, d, diagnostics.get(d.uri) ?? [], docs);
    }
    await this.checkActions(docs, diagnostics);
    if (this.rnd.next() < 0.2) await this.closeAll(docs);
  }

  private readonly open = new Map<string, TextDocument>();
  /** Where each open document's publications start in client.published (versions restart on reopen). */
  private readonly openedAt = new Map<string, number>();

  /**
   * Brings the server's copy of `uri` to `text` (open or full change), or, when `exact` is
   * false, sometimes to the old text with a random range replaced (an incremental change).
   */
  private async sync(uri: string, text: string, exact = false): Promise<Doc> {
    const current = this.open.get(uri);
    let doc: TextDocument;
    const version = (current?.version ?? 0) + 1;
    const published = this.client.nextDiagnostics(uri, (p) => p.version === version, REQUEST_TIMEOUT_MS);
    if (!current) {
      this.openedAt.set(uri, this.client.published.length);
      doc = TextDocument.create(uri, uri.endsWith('master.cf') ? 'postfix-master' : 'postfix-main', version, text);
      await this.client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: doc.languageId, version, text } });
    } else if (exact || this.rnd.next() < 0.5 || this.large || isLarge(current.getText())) {
      doc = TextDocument.update(current, [{ text }], version);
      await this.client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    } else {
      // An incremental change: replace a random range of the old text; the server must end up with the same text.
      const old = current.getText();
      const start = this.rnd.int(old.length + 1);
      const end = Math.min(old.length, start + this.rnd.int(200));
      const change = { range: { start: current.positionAt(start), end: current.positionAt(end) }, text: text.slice(0, 300) };
      doc = TextDocument.update(current, [change], version);
      await this.client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    }
    this.open.set(uri, doc);
    // The first request after a change waits for the new version to be parsed and checked:
    // that is the latency a user sees, so it is timed like any other request.
    const first = this.kinds.find((k) => k.method === 'textDocument/hover') ?? this.kinds[0];
    if (first) {
      const position = this.position(doc);
      await this.timed(first.method, first.params({ uri, position, range: { start: position, end: position }, diagnostics: [] }), { uri, doc });
    }
    const result = await this.settle(published, `diagnostics for ${uri} version ${version}`);
    if (result) this.checkPublished(uri, doc, result.diagnostics);
    return { uri, doc };
  }

  private latestDiagnostics(d: Doc): Diagnostic[] {
    const mine = this.client.published.filter((p) => p.uri === d.uri);
    return mine.at(-1)?.diagnostics ?? [];
  }

  /** Checks a publication: every range inside the document, nothing stale after it. */
  private checkPublished(uri: string, doc: TextDocument, diagnostics: Diagnostic[]): void {
    const text = doc.getText();
    diagnostics.forEach((d, i) => {
      for (const p of rangeProblems(d.range, text, `${uri} ${d.code} diagnostic ${i}`)) this.violate(p);
    });
    const since = this.client.published.slice(this.openedAt.get(uri) ?? 0);
    const versions = since.filter((p) => p.uri === uri && p.version !== undefined).map((p) => p.version!);
    for (let i = 1; i < versions.length; i++) {
      if (versions[i] < versions[i - 1]) {
        this.violate(`${uri}: diagnostics for version ${versions[i]} published after version ${versions[i - 1]}`);
        break;
      }
    }
  }

  private async settle<T>(promise: Promise<T>, what: string): Promise<T | undefined> {
    try {
      return await promise;
    } catch {
      this.violate(`no answer: ${what}`);
      return undefined;
    }
  }

  /** A random position in the document; now and then one outside it. */
  private position(doc: TextDocument): Position {
    if (this.rnd.next() < 0.1) return { line: doc.lineCount + this.rnd.int(5), character: this.rnd.int(1000) };
    return doc.positionAt(this.rnd.int(doc.getText().length + 1));
  }

  private async fire(kind: RequestKind, d: Doc, diagnostics: Diagnostic[], docs: Doc[]): Promise<void> {
    const position = this.position(d.doc);
    const other = this.position(d.doc);
    const range = d.doc.offsetAt(position) <= d.doc.offsetAt(other) ? { start: position, end: other } : { start: other, end: position };
    const params = kind.params({ uri: d.uri, position, range, diagnostics: diagnostics.slice(0, 20) });
    const result = await this.timed(kind.method, params, d);
    if (result === undefined || result === null) return;
    const textOf = (uri: string): string | undefined => docs.find((x) => x.uri === uri)?.doc.getText();
    for (const p of resultRangeProblems(result, d.doc.getText(), textOf, kind.method)) this.violate(p);
    if (kind.resolve && Array.isArray(result)) {
      for (const item of result.slice(0, 3)) {
        const resolved = await this.timed(kind.resolve, item, d);
        for (const p of resultRangeProblems(resolved, d.doc.getText(), textOf, kind.resolve)) this.violate(p);
      }
    }
  }

  /** Sends one request and records its time; returns its result, or undefined on failure. */
  private async timed(method: string, params: unknown, d: Doc): Promise<unknown> {
    const pid = this.client.process.pid!;
    const cpuBefore = processCpuMs(pid);
    const started = performance.now();
    this.report.requestsSent++;
    this.report.requestsByMethod[method] = (this.report.requestsByMethod[method] ?? 0) + 1;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), REQUEST_TIMEOUT_MS)));
    let result: unknown;
    try {
      result = await Promise.race([this.client.request(method, params), timeout]);
    } catch (e) {
      // An error response is an answer; a crashed handler still shows up in the log, not here.
      result = { error: String((e as Error).message) };
    } finally {
      clearTimeout(timer);
    }
    if (result === 'timeout') {
      this.violate(`${method} was not answered within ${REQUEST_TIMEOUT_MS} ms`);
      return undefined;
    }
    const wallMs = performance.now() - started;
    const cpuAfter = processCpuMs(pid);
    const cpuMs = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
    // The bound depends on the whole configuration the request is about: both files of its folder.
    const folder = d.uri.slice(0, d.uri.lastIndexOf('/') + 1);
    const texts = [...this.open].filter(([uri]) => uri.startsWith(folder) && !uri.slice(folder.length).includes('/')).map(([, doc]) => doc.getText());
    this.recordTiming({ method, wallMs, cpuMs, input: this.input, bytes: d.doc.getText().length }, texts.some(isLarge));
    return result;
  }

  private recordTiming(t: RequestTiming, large: boolean): void {
    const key = large ? 'longestLarge' : 'longestStock';
    const measure = (x: RequestTiming): number => x.cpuMs ?? x.wallMs;
    if (!this.report[key] || measure(t) > measure(this.report[key]!)) this.report[key] = t;
    const bound = large ? this.options.largeBoundMs ?? 5000 : this.options.stockBoundMs ?? 1000;
    // CPU time is the bound (a busy machine cannot fail it); wall time only catches hangs.
    if (measure(t) > bound || t.wallMs > bound * 20) {
      this.violate(`${t.method} took ${Math.round(t.cpuMs ?? -1)} ms CPU, ${Math.round(t.wallMs)} ms wall on ${t.bytes} characters (bound ${bound} ms)`);
    }
  }

  /** Applies every code action offered for (some of) the diagnostics, checks it, and undoes it. */
  private async checkActions(docs: Doc[], diagnostics: Map<string, Diagnostic[]>): Promise<void> {
    if (!this.kinds.some((k) => k.method === 'textDocument/codeAction')) return;
    let budget = this.options.actionsPerInput ?? 6;
    for (const d of docs) {
      for (const diagnostic of diagnostics.get(d.uri) ?? []) {
        if (budget <= 0) return;
        const params = { textDocument: { uri: d.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } };
        const actions = await this.timed('textDocument/codeAction', params, d);
        if (!Array.isArray(actions)) continue;
        for (const action of actions as CodeAction[]) {
          if (!action.edit || budget-- <= 0) continue;
          await this.verify(docs, diagnostics, action, { diagnostic, uri: d.uri });
        }
      }
    }
  }

  private async verify(docs: Doc[], diagnostics: Map<string, Diagnostic[]>, action: CodeAction, target: { diagnostic: Diagnostic; uri: string }): Promise<void> {
    const before = new Map(docs.map((d) => [d.uri, d.doc.getText()]));
    const applied = applyAction(before, action);
    const after = new Map<string, Diagnostic[]>();
    for (const uri of applied.edits.keys()) await this.sync(uri, applied.after.get(uri)!, true);
    await this.flush();
    for (const d of docs) after.set(d.uri, this.latestDiagnostics({ uri: d.uri, doc: this.open.get(d.uri)! }));
    for (const p of verifyAction({ action, applied, before, diagnosticsBefore: diagnostics, diagnosticsAfter: after, target: target.diagnostic, targetUri: target.uri })) {
      this.violate(p);
    }
    this.report.actionsChecked++;
    for (const uri of applied.edits.keys()) await this.sync(uri, before.get(uri)!, true);
  }

  /** A round trip: everything the server sent before its answer has arrived. */
  private async flush(): Promise<void> {
    await this.client.request('postfix-fuzz/flush', null).catch(() => undefined);
  }

  private async closeAll(docs: Doc[]): Promise<void> {
    for (const d of docs) {
      await this.client.close(d.uri);
      this.open.delete(d.uri);
    }
  }
}

/** Runs the fuzzer against a freshly started server. */
export function runServerFuzz(options: FuzzOptions): Promise<FuzzReport> {
  return new Fuzzer(options).run();
}
