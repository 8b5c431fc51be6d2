/**
 * The `postfix/upgradeReview` and `postfix/releases` requests: the core's upgrade review of
 * the request's configuration, with its Markdown report, and the releases a client can
 * offer to choose from.
 */
import { fileURLToPath } from 'node:url';
import {
  AnalysisSettings, DocumentRequest, PostfixLanguageService, UpgradeReview, knownReleases, renderUpgradeMarkdown,
} from '../core/languageService';

export interface UpgradeReviewParams {
  from?: string;
  to?: string;
}

/** The review and its report, or (alone) why there is none. */
export interface UpgradeReviewAnswer {
  markdown?: string;
  review?: UpgradeReview;
  error?: string;
}

/** The review (from: the params, else postfix.upgradeFrom; to: the params, else postfix.version) and its report. */
export function upgradeReviewAnswer(service: PostfixLanguageService, request: DocumentRequest, params: UpgradeReviewParams): UpgradeReviewAnswer {
  const from = typeof params.from === 'string' && params.from.trim() ? params.from : request.settings.upgradeFrom;
  const to = typeof params.to === 'string' && params.to.trim() ? params.to : undefined;
  const result = service.upgradeReview(request, from, to);
  if (result.error !== undefined) return { error: result.error };
  return { markdown: renderUpgradeMarkdown(result.review, { title: displayPath(request.files.main?.uri ?? request.file.uri) }), review: result.review };
}

/** The releases known, and the settings that choose the defaults of a review. */
export function releasesAnswer(settings: AnalysisSettings): { releases: { name: string; note: string }[]; upgradeFrom: string | null; version: string | null } {
  return { releases: knownReleases(), upgradeFrom: settings.upgradeFrom ?? null, version: settings.version ?? null };
}

function displayPath(uri: string): string {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  } catch {
    return uri;
  }
}
