/** Deprecated parameters in our words: what to do instead, for messages and hovers. */
import type { Deprecation } from '../kb/knowledgeBase';

/** "use `X` instead", or what to do when a release names no replacement. */
export function deprecationAdvice(d: Deprecation): string {
  if (d.replacement) return `use "${d.replacement}" instead`;
  const openssl = d.openssl ? ` (with OpenSSL ${d.openssl} or later)` : '';
  return d.advice === 'leave-default'
    ? `it has no replacement: remove it and leave the default in place${openssl}`
    : `it has no replacement: remove it${openssl}`;
}
