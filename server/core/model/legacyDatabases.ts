/**
 * Legacy database client settings: with `alias_maps = ldap:myldap` (a name, not a path),
 * Postfix reads the client's settings from main.cf as `myldap_<attribute>`. postconf
 * accepts exactly these attributes per client type (probed with postconf 3.7.11).
 */
export const LEGACY_DB_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  ldap: [
    'bind', 'bind_dn', 'bind_pw', 'cache', 'cache_expiry', 'cache_size', 'chase_referrals', 'debuglevel',
    'dereference', 'domain', 'expansion_limit', 'leaf_result_attribute', 'query_filter', 'result_attribute',
    'result_filter', 'result_format', 'sasl_authz_id', 'sasl_mechs', 'sasl_minssf', 'sasl_realm', 'scope',
    'search_base', 'server_host', 'server_port', 'size_limit', 'special_result_attribute', 'start_tls',
    'terminal_result_attribute', 'timeout', 'tls_ca_cert_dir', 'tls_ca_cert_file', 'tls_cert', 'tls_cipher_suite',
    'tls_key', 'tls_random_file', 'tls_require_cert', 'version',
  ],
  mysql: [
    'additional_conditions', 'dbname', 'domain', 'expansion_limit', 'hosts', 'option_file', 'option_group',
    'password', 'query', 'require_result_set', 'result_format', 'select_field', 'table', 'tls_CAfile', 'tls_CApath',
    'tls_cert_file', 'tls_ciphers', 'tls_key_file', 'tls_verify_cert', 'user', 'where_field',
  ],
  pgsql: [
    'additional_conditions', 'dbname', 'domain', 'expansion_limit', 'hosts', 'password', 'query', 'result_format',
    'select_field', 'select_function', 'table', 'user', 'where_field',
  ],
  sqlite: ['additional_conditions', 'dbpath', 'domain', 'expansion_limit', 'query', 'result_format', 'select_field', 'table', 'where_field'],
  memcache: ['backup', 'data_size_limit', 'domain', 'flags', 'key_format', 'line_size_limit', 'max_try', 'memcache', 'retry_pause', 'timeout', 'ttl'],
};

const QUICK_CHECK = /(?:ldap|mysql|pgsql|sqlite|memcache):/;
const TABLE_REF = /(?:^|[\s,:{])(ldap|mysql|pgsql|sqlite|memcache):([^\s,{}/]+)(?=$|[\s,}])/g;

/** True when a value may name a legacy database client (and so make `NAME_attribute` names valid). */
export function mayNameLegacyDatabase(text: string): boolean {
  return QUICK_CHECK.test(text);
}

/** Adds the `NAME_attribute` names that the legacy database clients named in `text` make valid. */
export function legacyNamesIn(text: string, names: Set<string>): void {
  if (!QUICK_CHECK.test(text)) return;
  for (const m of text.matchAll(TABLE_REF)) {
    for (const attr of LEGACY_DB_ATTRIBUTES[m[1]]) names.add(`${m[2]}_${attr}`);
  }
}
