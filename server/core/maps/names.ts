/**
 * Lookup tables recognised by their file name, when no main.cf beside them names them:
 * the names Postfix's documentation and distributions use.
 */
import type { MapSyntax } from './mapFile';

const INDEXED = /^(transport|virtual|virtual_alias|virtual_mailbox|virtual_domains|canonical|[a-z]+_canonical|access|[a-z_]+_access|sasl_passwd|sasl_password|relocated|generic|smtp_generic|sender_dependent_[a-z_]+|recipient_bcc|sender_bcc|[a-z_]+_bcc|relay_domains|relay_recipients|tls_policy|smtp_tls_policy|sender_login|sender_login_maps|[a-z_]+_maps)(\.(txt|map|cf|in))?$/;
const CHECKS = /^([a-z_]*header_checks|[a-z_]*body_checks)$/;

/** How a file is read, from its name: undefined when the name is not one of a table. */
export function mapSyntaxOfPath(path: string): MapSyntax | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/\.pcre$/.test(base)) return 'pcre';
  if (/\.(regexp|re)$/.test(base)) return 'regexp';
  if (CHECKS.test(base)) return /pcre/.test(base) ? 'pcre' : 'regexp';
  if (/\.(db|lmdb|cdb|pag|dir)$/.test(base)) return undefined;
  return INDEXED.test(base) ? 'indexed' : undefined;
}
