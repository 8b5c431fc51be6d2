/**
 * The one entry to the core: every operation the adapters (the LSP server in server/lsp,
 * postfix-lint in server/cli) and any other host need, with LSP types in and out. It knows
 * nothing of transports. One service per workspace holds what lives across requests (the
 * last configuration built); everything else lives on the configuration or the parsed
 * trees it is derived from (see docs/ARCHITECTURE.md).
 */
import type {
  CodeAction, CodeLens, CompletionList, Diagnostic, DocumentSymbol, Hover, Location, Position, Range,
} from 'vscode-languageserver-types';
import { analyze } from './analyze';
import { Caches } from './caches';
import { ConfigFiles, SourceFile, kindOfPath, parseMapSource, parseSource, siblingPath, updateSource } from './document';
import type { MapFile, MapSyntax, TextChange } from './maps';
import { MapStatus, analyzeMaps } from './maps/checks';
import { mapSyntaxOfPath } from './maps/names';
import { MapFeatureContext, mapCompletion, mapHover } from './maps/features';

/** Whether a request's file is a lookup table. */
const isMapFile = (file: DocumentRequest['file']): file is SourceFile<MapFile> => file.kind === 'map';
import { MapReference, mapReferences } from './maps/references';
import type { MainCf } from './syntax/mainCf';
import type { MasterCf } from './syntax/masterCf';
import { CheckedFinding } from './findings';
import { codeActions } from './features/codeActions';
import { mapCodeActions } from './fixes/mapFixes';
import { codeLenses } from './features/codeLens';
import { completionList } from './features/completion';
import { FeatureContext } from './features/context';
import { definition } from './features/definition';
import { hover } from './features/hover';
import { StrictProviderInput } from './features/strictProvider';
import { StrictProviderResult, strictProviderContext, strictProviderEdit } from './features/strictProviderEdit';
import type { StrictProviderContext } from './features/strictProviderInput';
import { ConfigurationSummary, summary } from './features/summary';
import { documentSymbols } from './features/symbols';
import { UpgradeResult, upgradeReviewOf } from './features/upgrade';
import { RELEASES, RELEASE_NOTES, Release, resolveRelease } from './kb/knowledgeBase';
import { Configuration, ConfigKind, FileKind } from './model/configuration';
import { AnalysisSettings } from './settings';
import { diagnosticsByUri } from './toDiagnostic';
import { LineIndex } from './lineIndex';
import { ChunkedText } from './chunkedText';
import { LogExplainOptions, LogReport, LogStream, createLogStream, logConfiguration, queueIdAt, queueIdLines, renderHtmlDocument, renderHtmlParts, renderText } from './logs';
import { ReceiverCapInput, ReceiverCapResult, receiverCapEdit } from './features/receiverCap';
import { tablesOfMaps } from './model/tables';

// What adapters may use besides the service, so that they import this module alone.
export { CODES, LEVELS, type CodeInfo, type Level, type Severity, DOCS_BASE, docsUrl, isCode } from './diagnosticCodes';
export { readSettings } from './settingsSchema';
export { DEFAULT_SETTINGS, type AnalysisSettings, type ReceiverSetting } from './settings';
export type { ConfigFiles, SourceFile, FileKind, ConfigKind, MapFile, MapSyntax, TextChange, MapReference, MapStatus, Release, StrictProviderInput, StrictProviderResult, ConfigurationSummary, CheckedFinding };
export { renderMarkdown as renderUpgradeMarkdown, renderText as renderUpgradeText, type RenderOptions as UpgradeRenderOptions } from './features/upgrade/render';
export type { UpgradeResult, UpgradeReview } from './features/upgrade';
export type { StrictProviderContext };
export type { LogExplainOptions, LogReport, LogStream, ReceiverCapInput, ReceiverCapResult };
export type { ReceiverReport, RefusalReport, CapInference, LaneReport, SkipReason } from './logs';

/** A request about one file of a configuration. */
export interface DocumentRequest {
  files: ConfigFiles;
  /** The file the request is about (one of `files`; a lookup table is one of `files.maps`). */
  file: SourceFile | SourceFile<MapFile>;
  settings: AnalysisSettings;
}

export interface PostfixLanguageService {
  /** Parses a file. */
  parse(kind: ConfigKind, uri: string, text: string, version?: number): SourceFile;
  /** Parses the source text of a lookup table, read with `syntax` ('indexed' for hash:, lmdb:, texthash:, ...; 'regexp'; 'pcre'). */
  parseMap(uri: string, text: string | ChunkedText, syntax: MapSyntax, version?: number): SourceFile<MapFile>;
  /** The next version of a parsed file: only the edited region is read again (`change`: where it is, when the host knows; used for lookup tables); `previous` must not be used after. */
  update<T extends SourceFile<MainCf | MasterCf | MapFile>>(previous: T, text: string | ChunkedText, version?: number, change?: TextChange, uri?: string): T;
  /** The lookup tables main.cf and master.cf name whose source text can be checked (the host reads them into `ConfigFiles.maps`). */
  mapReferences(files: ConfigFiles, settings: AnalysisSettings): MapReference[];
  /** Findings of the configuration, severities settled (what postfix-lint prints). */
  findings(files: ConfigFiles, settings: AnalysisSettings): CheckedFinding[];
  /** Diagnostics for every file of the configuration, keyed by uri (each file present gets a list). */
  validate(files: ConfigFiles, settings: AnalysisSettings): Map<string, Diagnostic[]>;
  hover(request: DocumentRequest, position: Position): Hover | null;
  completion(request: DocumentRequest, position: Position): CompletionList;
  definition(request: DocumentRequest, position: Position): Location[];
  documentSymbols(request: DocumentRequest): DocumentSymbol[];
  codeActions(request: DocumentRequest, range: Range, diagnostics: readonly Diagnostic[]): CodeAction[];
  codeLenses(request: DocumentRequest): CodeLens[];
  /** The receivers, transports and limits of the configuration (the diagnose commands' input). */
  summary(request: DocumentRequest): ConfigurationSummary;
  /** The edits that add a strict-provider transport, or convert one (the palette command). */
  strictProviderEdit(request: DocumentRequest, input: StrictProviderInput): StrictProviderResult;
  /** What the strict-provider command checks its input against: services, receivers, known routes (the transport maps in `files.maps`). */
  strictProviderContext(request: DocumentRequest): StrictProviderContext;
  /**
   * What changes for the request's configuration when Postfix is upgraded from release
   * `from` to `to` (default: the settings' version), or why the releases cannot be reviewed.
   */
  upgradeReview(request: DocumentRequest, from: string | undefined, to?: string): UpgradeResult;
  /**
   * A streaming explainer of a Postfix log (docs/log-explainer.md); with `config`, it reads
   * transports, cache times and declared receivers from that configuration.
   */
  explainLog(options: LogExplainOptions, config?: { files: ConfigFiles; settings: AnalysisSettings }): LogStream;
  /** A log report as text, JSON, one self-contained HTML file (with `nonce` for its style), or HTML parts for a host page. */
  renderLogReport(report: LogReport, format: 'text' | 'json' | 'html', options?: { nonce?: string }): string;
  logReportHtml(report: LogReport, options: { actions: boolean }): { body: string; style: string };
  /** A log's queue ID under the cursor: the other lines it appears on. */
  logDefinition(uri: string, text: string, position: Position): Location[];
  /** Writes an inferred cap into the receiver's "# @receiver" directive, or adds one. */
  receiverCapEdit(request: DocumentRequest, input: ReceiverCapInput): ReceiverCapResult;
}

/** Which kind of file a path names (main.cf[.x], master.cf[.x]), and the path of its pair. */
export { kindOfPath, siblingPath, mapSyntaxOfPath };
export { ChunkedText } from './chunkedText';

/** The release a version setting resolves to, with why when it stands in for another. */
export function releaseFor(version: string | undefined): Release {
  return resolveRelease(version);
}

/** The releases the product knows, oldest first, with why each is among them ("Debian 12"). */
export function knownReleases(): { name: string; note: string }[] {
  return RELEASES.map((name, i) => ({ name, note: RELEASE_NOTES[i] ?? '' }));
}

/** A service for one workspace. */
export function createLanguageService(): PostfixLanguageService {
  const configurations = new ConfigurationCache(new Caches());
  const context = (request: DocumentRequest): FeatureContext =>
    ({ config: configurations.get(request.files, request.settings), files: request.files, settings: request.settings, file: request.file as SourceFile });
  const mapContext = (request: DocumentRequest): MapFeatureContext | undefined =>
    (isMapFile(request.file) ? { config: configurations.get(request.files, request.settings), files: request.files, file: request.file, settings: request.settings } : undefined);
  const at = (request: DocumentRequest, position: Position): number => request.file.lines.offset(position);
  const findings = (files: ConfigFiles, settings: AnalysisSettings): CheckedFinding[] => {
    const config = configurations.get(files, settings);
    const found = analyze(config, settings);
    return files.maps?.size || files.mapStatus?.size ? [...found, ...analyzeMaps(config, files, settings)] : found;
  };

  return {
    parse: (kind, uri, text, version) => parseSource(kind, uri, text, version),
    parseMap: (uri, text, syntax, version) => parseMapSource(uri, text, syntax, version),
    update: (previous, text, version, change, uri) => updateSource(previous, text, version, change, uri) as typeof previous,
    mapReferences: (files, settings) => mapReferences(configurations.get(files, settings)),
    findings,
    validate: (files, settings) => diagnosticsByUri(findings(files, settings), files),
    hover: (request, position) => {
      const map = mapContext(request);
      return map ? mapHover(map, at(request, position)) : hover(context(request), at(request, position));
    },
    completion: (request, position) => {
      const map = mapContext(request);
      return map ? { isIncomplete: false, items: mapCompletion(map, at(request, position)) } : completionList(context(request), at(request, position));
    },
    // Lookup tables have hover, completion (maps/features.ts) and quick-fixes (fixes/mapFixes.ts), and none of these yet.
    definition: (request, position) => (isMapFile(request.file) ? [] : definition(context(request), at(request, position))),
    documentSymbols: (request) => (isMapFile(request.file) ? [] : documentSymbols(request.file)),
    codeActions: (request, range, diagnostics) => {
      const map = mapContext(request);
      return map ? mapCodeActions(map, diagnostics) : codeActions(context(request), range, diagnostics);
    },
    codeLenses: (request) => (isMapFile(request.file) ? [] : codeLenses(context(request))),
    summary: (request) => summary(context(request)),
    strictProviderEdit: (request, input) => strictProviderEdit(context(request), input),
    strictProviderContext: (request) => strictProviderContext(context(request)),
    upgradeReview: (request, from, to) => upgradeReviewOf(context(request), from, to),
    explainLog: (options, config) => createLogStream(config
      ? { ...options, configuration: logConfiguration(configurations.get(config.files, config.settings), config.settings) }
      : options),
    renderLogReport: (report, format, options) =>
      format === 'json' ? `${JSON.stringify(report, null, 1)}\n` : format === 'html' ? renderHtmlDocument(report, options?.nonce ?? 'report') : renderText(report),
    logReportHtml: (report, options) => renderHtmlParts(report, options),
    logDefinition: (uri, text, position) => logDefinition(uri, text, position),
    receiverCapEdit: (request, input) => receiverCapEdit(context(request), input),
  };
}

function logDefinition(uri: string, text: string, position: Position): Location[] {
  const lines = new LineIndex(text);
  const at = queueIdAt(text, lines.offset(position));
  if (!at) return [];
  return queueIdLines(text, at.id, at.start).map((span) => ({ uri, range: lines.range(span.start, span.end) }));
}

/**
 * Remembers the last configurations built, so the requests after a check reuse their
 * indexes. Two: the host asks which tables a configuration names (main.cf and master.cf
 * alone) before it reads them and asks again with them, on every request; or two
 * configurations open side by side. A configuration of an earlier version of a file is
 * dropped as soon as the next version's is built.
 */
class ConfigurationCache {
  private kept: { main?: SourceFile; master?: SourceFile; maps?: ConfigFiles['maps']; version?: string; config: Configuration }[] = [];

  /** `caches`: what every configuration of the workspace keeps across versions. */
  constructor(private readonly caches: Caches) {}

  get(files: ConfigFiles, settings: AnalysisSettings): Configuration {
    const hit = this.kept.find((l) => l.main === files.main && l.master === files.master && sameMaps(l.maps, files.maps) && l.version === settings.version);
    if (hit) return hit.config;
    const tables = files.maps?.size ? tablesOfMaps(files.maps) : undefined;
    const config = new Configuration({ main: files.main?.tree, master: files.master?.tree, version: settings.version, caches: this.caches, tables });
    // An earlier version of a file of this configuration is not asked about again: its
    // configuration, and all it derived, would only hold memory (the 100k bench: 9 MB).
    const superseded = (kept: SourceFile | undefined, file: SourceFile | undefined): boolean => !!kept && !!file && kept !== file && kept.uri === file.uri;
    const others = this.kept.filter((l) => !superseded(l.main, files.main) && !superseded(l.master, files.master));
    this.kept = [{ main: files.main, master: files.master, maps: files.maps, version: settings.version, config }, ...others.slice(0, 1)];
    return config;
  }
}

/** The same tables: the host builds a new map per request, of the same parsed files while none changed. */
function sameMaps(a: ConfigFiles['maps'], b: ConfigFiles['maps']): boolean {
  if (a === b || (!a?.size && !b?.size)) return true;
  if (!a || !b || a.size !== b.size) return false;
  for (const [path, file] of a) if (b.get(path) !== file) return false;
  return true;
}
