/**
 * The upgrade review: what changes for one configuration (the same main.cf and master.cf)
 * when Postfix is upgraded from one release to another. A pure function of the files, the
 * settings and the two releases; rendering is apart (render.ts).
 */
import { docsUrl } from '../../diagnosticCodes';
import type { ConfigFiles } from '../../document';
import { Release } from '../../kb/knowledgeBase';
import { Configuration, ConfigKind, FileKind } from '../../model/configuration';
import { defaultInEffect, sameValue, valueInEffect } from '../../model/inEffect';
import { deprecatedParameter } from '../../rules/deprecatedParameter';
import { syntaxError } from '../../rules/syntaxError';
import { LineRule, checkWhole, wholeLineContext } from '../../rules/types';
import type { Finding } from '../../findings';
import { isBuiltinSomewhere, isDeprecatedSomewhere } from '../../kb/knowledgeBase';
import { versionMismatch } from '../../rules/versionMismatch';
import type { AnalysisSettings } from '../../settings';
import { BudgetReview, budgetReview } from './budget';
import { UpgradePair, upgradePair } from './pair';
import { ParameterChange, normalised, parameterChanges } from './values';
import { ColumnMeaning, MissingService, columnMeanings, missingServices } from './services';

export interface ReleaseOfReview {
  /** The release whose facts are used, e.g. "3.7.11". */
  name: string;
  /** What was asked for, e.g. "3.7". */
  requested: string;
  /** Why `name` stands in for what was asked, when it does. */
  fallback?: string;
}

/** A main.cf line that sets a name to the old release's default while the new default differs. */
export interface PinnedDefault {
  name: string;
  line: number;
  value: string;
  oldDefault: string;
  newDefault: string;
}

/** A name the new release does not know or warns about. */
export interface NameNotice {
  code: 'version-mismatch' | 'deprecated-parameter';
  name: string;
  file: ConfigKind;
  /** 0-based line. */
  line: number;
  message: string;
  replacement?: string;
  /** True when the old release already said the same. */
  alreadyBefore: boolean;
}

export interface UnreadableLine {
  file: ConfigKind;
  line: number;
  message: string;
}

export interface UpgradeReview {
  from: ReleaseOfReview;
  to: ReleaseOfReview;
  /** compatibility_level in effect for each release, and the level the review raises it to. */
  compatibilityLevel: { old: string; new: string; raisedTo?: string };
  /** Which files were read. */
  files: { main: boolean; master: boolean };
  parameters: ParameterChange[];
  pinned: PinnedDefault[];
  notices: NameNotice[];
  missingServices: MissingService[];
  columns: ColumnMeaning[];
  budget: BudgetReview;
  unreadable: UnreadableLine[];
  /** Where each code's diagnostics are documented (for renderers). */
  diagnosticsUrl: string;
}

export interface ReviewInput {
  /** The configuration as the new release reads it (the language service's). */
  config: Configuration;
  files: ConfigFiles;
  settings: AnalysisSettings;
  from: Release;
}

/** The review of upgrading `input.config` (read by its release) from `input.from`. */
export function upgradeReview(input: ReviewInput): UpgradeReview {
  const { config, files, settings } = input;
  const pair = upgradePair(config, input.from, true);
  const lineOf = (file: FileKind, offset: number): number => (file === 'map' ? 0 : files[file]?.lines.position(offset).line ?? 0);
  return {
    from: releaseOfReview(pair.from.release),
    to: releaseOfReview(config.release),
    compatibilityLevel: { old: pair.level.from, new: pair.level.to, ...(pair.raised ? { raisedTo: pair.raised.level } : {}) },
    files: { main: config.hasMain, master: config.hasMaster },
    parameters: parameterChanges(pair),
    pinned: pinnedDefaults(pair, lineOf),
    notices: nameNotices(pair, settings, lineOf),
    missingServices: missingServices(pair),
    columns: columnMeanings(pair),
    budget: budgetReview(pair, settings.receivers),
    unreadable: checkWhole(syntaxError, { config, settings }).map((f) => ({ file: f.file as ConfigKind, line: lineOf(f.file, f.start), message: f.message })),
    diagnosticsUrl: docsUrl('upgrade-changed-default'),
  };
}

function releaseOfReview(release: Release): ReleaseOfReview {
  return { name: release.name, requested: release.requested, ...(release.fallback ? { fallback: release.fallback } : {}) };
}

/**
 * main.cf entries that keep the old release's default under the new release, whose own
 * default differs: the line pins the old behaviour.
 */
export function pinnedDefaults(pair: UpgradePair, lineOf: (file: FileKind, offset: number) => number): PinnedDefault[] {
  const out: PinnedDefault[] = [];
  pair.to.mainIndex.last.forEach((entry, name) => {
    const oldDefault = defaultInEffect(pair.from, name);
    const newDefault = defaultInEffect(pair.to, name);
    if (!oldDefault || !newDefault || sameValue(oldDefault, newDefault)) return;
    const value = valueInEffect(pair.to, name);
    if (!sameValue(value, oldDefault)) return;
    out.push({ name, line: lineOf('main', entry.name.start), value: normalised(value!.text), oldDefault: normalised(oldDefault.text), newDefault: normalised(newDefault.text) });
  });
  return out.sort((a, b) => a.line - b.line);
}

const NAME_RULES: readonly LineRule[] = [versionMismatch, deprecatedParameter].filter((r): r is LineRule => r.kind === 'line');

/**
 * Names the new release does not know or warns about, main.cf and -o alike: the two
 * rules' findings, asked only of the lines that can have one (a name some release builds
 * in or deprecates: a main.cf of 200,000 user-defined names has none).
 */
function nameNotices(pair: UpgradePair, settings: AnalysisSettings, lineOf: (file: FileKind, offset: number) => number): NameNotice[] {
  const items = pair.to.main.entries.filter((e) => isBuiltinSomewhere(e.name.text) || isDeprecatedSomewhere(e.name.text));
  const findings = (config: Configuration): Finding[] => NAME_RULES.flatMap((rule) => {
    const ctx = wholeLineContext({ config, settings });
    return [...items.flatMap((item) => rule.line(item, ctx) ?? []), ...(rule.rest?.check(ctx) ?? [])];
  });
  const before = new Set(findings(pair.from).map((f) => `${f.code} ${f.file} ${f.start}`));
  return findings(pair.to).map((f) => {
    const replacement = typeof f.data?.replacement === 'string' ? f.data.replacement : undefined;
    return {
      code: f.code as NameNotice['code'], name: String(f.data?.name ?? ''), file: f.file as ConfigKind, line: lineOf(f.file, f.start), message: f.message,
      ...(replacement ? { replacement } : {}), alreadyBefore: before.has(`${f.code} ${f.file} ${f.start}`),
    };
  }).sort((a, b) => (a.file === b.file ? a.line - b.line : a.file === 'main' ? -1 : 1));
}

export type { ParameterChange, UpgradePair, ColumnMeaning, MissingService, BudgetReview };
