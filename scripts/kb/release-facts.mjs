// What one built Postfix release says about its parameters, asked of the release itself:
// its own postconf (defaults, service-defined names, deprecation warnings) and its own
// source (the daemons' configuration tables, the parameter documentation's index, the
// build-time paths). Facts only: no documentation text leaves this module.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs the release's postconf on a throw-away configuration folder. */
function postconf(release, { main = '', master = '' }, args) {
  const dir = mkdtempSync(join(tmpdir(), 'pf-kb-'));
  try {
    const past = new Date(Date.now() - 60_000);
    for (const [file, text] of [['main.cf', main], ['master.cf', master]]) {
      writeFileSync(join(dir, file), text);
      // postconf re-reads (and warns twice about) a file written within the last second.
      utimesSync(join(dir, file), past, past);
    }
    const r = spawnSync(release.postconf, ['-c', dir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`${release.name}: postconf ${args.join(' ')} failed: ${r.stderr}`);
    return { stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `name = value` lines as a Map (postconf prints one per line, values whitespace-normalised). */
function nameValues(text) {
  const map = new Map();
  for (const line of text.split('\n')) {
    const m = /^(\S+) =(?: (.*))?$/.exec(line);
    if (m) map.set(m[1], m[2] ?? '');
  }
  return map;
}

/** Every built-in name with its raw default: `postconf -d` with an empty main.cf and master.cf. */
export function builtinDefaults(release) {
  return nameValues(postconf(release, {}, ['-d']).stdout);
}

/** Programs a master.cf command field can name: the ones tried for service-defined names. */
const COMMANDS = ['smtp', 'lmtp', 'local', 'virtual', 'pipe', 'error', 'discard', 'spawn', 'smtpd', 'qmgr', 'oqmgr',
  'pickup', 'cleanup', 'bounce', 'trivial-rewrite', 'showq', 'flush', 'proxymap', 'verify', 'anvil', 'scache', 'tlsmgr',
  'tlsproxy', 'postscreen', 'dnsblog', 'qmqpd', 'postlogd'];

/**
 * The names postconf derives from master.cf service names: one service per command, then
 * `postconf -C service -d` lists each service's names with their defaults.
 * Returns { byCommand: { command: [suffix, ...] }, templates: { suffix: default } }.
 */
export function serviceDefined(release) {
  const service = (command) => `svc${COMMANDS.indexOf(command)}x`;
  const master = COMMANDS.map((c) => `${service(c)} unix - - n - - ${c}\n`).join('');
  const listed = nameValues(postconf(release, { master }, ['-C', 'service', '-d']).stdout);
  const byCommand = {};
  const templates = {};
  for (const command of COMMANDS) {
    const prefix = service(command);
    const suffixes = [...listed.keys()].filter((n) => n.startsWith(`${prefix}_`)).map((n) => n.slice(prefix.length)).sort();
    if (suffixes.length) byCommand[command] = suffixes;
    for (const suffix of suffixes) {
      const text = listed.get(prefix + suffix);
      if (templates[suffix] !== undefined && templates[suffix] !== text) throw new Error(`${release.name}: two defaults for *${suffix}`);
      templates[suffix] = text;
    }
  }
  return { byCommand, templates };
}

/**
 * The deprecation table postconf warns from (3.9 and later), as `{ name: alternative }`.
 * The candidates are the names its source lists; a main.cf that sets each shows which the
 * built program really warns about (entries can be compiled out) and the alternative it names.
 */
export function deprecations(release, source) {
  const text = source.file('postfix/src/postconf/postconf_unused.c') ?? '';
  const candidates = [...text.matchAll(/^\s*"([A-Za-z0-9_.-]+)",\s*"/gm)].map((m) => m[1]);
  if (!candidates.length) return {};
  const main = candidates.map((n) => `${n} = x\n`).join('');
  const table = {};
  for (const line of postconf(release, { main }, ['-n']).stderr.split('\n')) {
    const m = /support for parameter "?([^"\s]+)"? (?:will be|has been) removed; instead, (.*)$/.exec(line);
    if (m) table[m[1]] = m[2];
  }
  return table;
}

/** The replacement an alternative names, or what to do when there is none. */
export function parseAlternative(text) {
  const m = /^(?:specify "([A-Za-z0-9_]+)"|([A-Za-z0-9_]+))$/.exec(text);
  if (m) return { replacement: m[1] ?? m[2] };
  if (/^do not specify \(leave at default\)$/.test(text)) return { advice: 'leave-default' };
  if (/^do not specify$/.test(text)) return { advice: 'remove' };
  const openssl = /^do not specify with OpenSSL ([\d.]+) or later$/.exec(text);
  if (openssl) return { advice: 'remove', openssl: openssl[1] };
  throw new Error(`unknown deprecation alternative: ${text}`);
}

/** Files of one release's source, read from the history clone in one batch. */
export function sourceOf(clone, commit) {
  const paths = execFileSync('git', ['-C', clone, 'ls-tree', '-r', '--name-only', commit, 'postfix/src', 'postfix/proto/postconf.proto', 'postfix/conf/master.cf', 'postfix/conf/main.cf'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\n').filter((p) => /\.(c|h|proto)$|^postfix\/conf\/ma(in|ster)\.cf$/.test(p));
  const out = execFileSync('git', ['-C', clone, 'cat-file', '--batch'], {
    input: paths.map((p) => `${commit}:${p}\n`).join(''), maxBuffer: 512 * 1024 * 1024,
  });
  const files = new Map();
  let at = 0;
  for (const path of paths) {
    const eol = out.indexOf(10, at);
    const size = Number(out.subarray(at, eol).toString().split(' ')[2]);
    files.set(path, out.subarray(eol + 1, eol + 1 + size).toString('latin1'));
    at = eol + 1 + size + 1;
  }
  return { paths, file: (p) => files.get(p) };
}

/**
 * Macros whose value is a string, as the compiler would join it: `#define VAR_X "a" _SUFFIX`
 * with `#define _SUFFIX "_b"` gives "a_b" (per-transport names are written that way).
 */
function stringMacros(source) {
  const raw = new Map();
  for (const p of source.paths) {
    if (!p.endsWith('.h') && !p.endsWith('.c')) continue;
    for (const m of source.file(p).matchAll(/^#define\s+(\w+)\s+((?:"[^"\n]*"|[A-Za-z_]\w*)(?:\s+(?:"[^"\n]*"|[A-Za-z_]\w*))*)\s*(?:\/\*.*)?$/gm)) {
      if (!raw.has(m[1])) raw.set(m[1], m[2]);
    }
  }
  const resolved = new Map();
  const value = (name, depth = 0) => {
    if (resolved.has(name)) return resolved.get(name);
    const text = raw.get(name);
    if (text === undefined || depth > 10) return undefined;
    let out = '';
    for (const token of text.match(/"[^"]*"|[A-Za-z_]\w*/g)) {
      const part = token.startsWith('"') ? token.slice(1, -1) : value(token, depth + 1);
      if (part === undefined) return undefined;
      out += part;
    }
    resolved.set(name, out);
    return out;
  };
  const names = new Map();
  for (const name of raw.keys()) if (value(name) !== undefined) names.set(name, value(name));
  return names;
}

/**
 * The functions values may call as `${name{value}}` (3.11 and later): what the release's
 * programs register with mac_expand_add_named_fn(), leaving out mac_expand.c's own test.
 */
export function namedFunctions(source) {
  const macros = stringMacros(source);
  const out = new Set();
  for (const p of source.paths) {
    if (!p.endsWith('.c') || p.endsWith('/mac_expand.c')) continue;
    for (const m of source.file(p).matchAll(/mac_expand_add_named_fn\(\s*("([^"]+)"|\w+)/g)) {
      const name = m[2] ?? macros.get(m[1]);
      if (!name) throw new Error(`${p}: cannot resolve the function name ${m[1]}`);
      out.add(name);
    }
  }
  return [...out].sort();
}

/** Macros whose value is a whole number (table bounds such as `#define MAX_DELAY_MAX_RES 6`). */
function numberMacros(source) {
  const out = new Map();
  for (const p of source.paths) {
    if (!p.endsWith('.h')) continue;
    for (const m of source.file(p).matchAll(/^#define\s+(\w+)\s+\(?\s*(-?\d+)\s*\)?\s*(?:\/\*.*)?$/gm)) {
      if (!out.has(m[1])) out.set(m[1], Number(m[2]));
    }
  }
  return out;
}

const TABLE_START = /^(?:static| )*(?:const +)?CONFIG_([A-Z_]+)_TABLE .*\{/;
const TYPES = { INT: 'int', STR: 'str', STR_FN: 'str_fn', RAW: 'raw', BOOL: 'bool', TIME: 'time', NINT: 'nint', NBOOL: 'nbool', LONG: 'long' };

/**
 * The daemons' configuration tables, read as postconf's own extract.awk reads them: each
 * table row starts with a VAR_ macro; the program is the source folder (global and tls are
 * the libraries every program links). Returns Map name -> { type, min, max, readBy: Set }.
 */
export function parameterTables(source) {
  const names = stringMacros(source);
  const numbers = numberMacros(source);
  const bound = (field) => (field === undefined ? undefined : /^-?\d+$/.test(field) ? Number(field) : numbers.get(field));
  const tables = new Map();
  for (const p of source.paths) {
    const dir = /^postfix\/src\/([^/]+)\/[^/]+\.c$/.exec(p)?.[1];
    if (!dir) continue;
    let type;
    for (const line of source.file(p).split('\n')) {
      const start = TABLE_START.exec(line);
      if (start) type = TYPES[start[1]];
      if (!type) continue;
      const fields = line.trim().split(/[\s,]+/);
      if (/^VAR_\w+$/.test(fields[0])) {
        const name = names.get(fields[0]);
        if (!name) throw new Error(`${p}: no name for ${fields[0]}`);
        const row = tables.get(name) ?? { types: new Set(), min: undefined, max: undefined, readBy: new Set() };
        row.types.add(type);
        row.readBy.add(dir);
        if (['int', 'nint', 'long', 'time', 'str', 'raw', 'str_fn'].includes(type)) {
          const [min, max] = [bound(fields[3]), bound(fields[4])];
          // 0 means "not checked"; a name in several tables keeps the strictest known bound.
          if (min) row.min = Math.max(row.min ?? min, min);
          if (max) row.max = Math.min(row.max ?? max, max);
        }
        tables.set(name, row);
      }
      if (/\};/.test(line)) type = undefined;
    }
  }
  return tables;
}

/**
 * The parameter documentation's index: the names postconf(5) of this release documents and
 * the release each became available in, where the text says so. Only those two facts.
 */
export function documentedNames(source) {
  const proto = source.file('postfix/proto/postconf.proto') ?? '';
  const sections = proto.split(/^%PARAM /m).slice(1);
  const out = new Map();
  for (const section of sections) {
    const name = /^(\S+)/.exec(section)[1];
    const since = /available (?:in|with) Postfix (?:version )?(\d+\.\d+)(?:\.\d+)? and later/.exec(section.replace(/\s+/g, ' '))?.[1];
    out.set(name, { since });
  }
  return out;
}

/**
 * Names whose default whoever builds Postfix may choose (install paths, owner, a few
 * switches): mail_params.h lets `make makefiles CCARGS=-DDEF_...` override each of them.
 */
export function buildTimeNames(source) {
  const header = source.file('postfix/src/global/mail_params.h') ?? '';
  const out = new Set();
  for (const m of header.matchAll(/^#ifndef\s+DEF_(\w+)\s*\n#define\s+DEF_\1\s/gm)) {
    const name = new RegExp(`^#define\\s+VAR_${m[1]}\\s+"([^"]+)"`, 'm').exec(header)?.[1];
    if (name) out.add(name);
  }
  return out;
}

/**
 * The legacy names postconf registers for backwards compatibility (postconf_builtin.c,
 * pcf_legacy_str_table): not built in, but printed, with an empty default, once main.cf or
 * an -o option sets them.
 */
export function legacyNames(source) {
  const text = source.file('postfix/src/postconf/postconf_builtin.c') ?? '';
  const table = /pcf_legacy_str_table\[\] = \{([^}]*(?:\{[^}]*\}[^}]*)*)\n\};/.exec(text);
  if (!table) throw new Error('postconf_builtin.c: no pcf_legacy_str_table');
  const out = [];
  for (const m of table[1].matchAll(/\{\s*"(\w+)",\s*"([^"]*)"\s*\}/g)) {
    if (m[2] !== '') throw new Error(`postconf_builtin.c: legacy ${m[1]} has a default; extend the format`);
    out.push(m[1]);
  }
  return out.sort();
}

/** The services of the release's own master.cf (postfix/conf/master.cf): "name type command", in file order. */
export function stockServices(source) {
  const text = source.file('postfix/conf/master.cf');
  if (!text) throw new Error('no postfix/conf/master.cf');
  const out = [];
  for (const line of text.split('\n')) {
    if (/^\s|^#|^$/.test(line)) continue;
    const fields = line.trim().split(/\s+/);
    if (fields.length < 8) throw new Error(`master.cf: cannot read "${line}"`);
    out.push(`${fields[0]} ${fields[1]} ${fields[7]}`);
  }
  return out;
}

/**
 * What master(8) uses for a master.cf column written "-" (master_ent.c): a literal, the
 * process limit, or (chroot) one value below a compatibility level and another from it on.
 */
export function masterColumnDefaults(source) {
  const text = source.file('postfix/src/master/master_ent.c') ?? '';
  const literal = (column) => {
    const m = new RegExp(`get_(?:bool|int)_ent\\(&bufp, "${column}", "([^"]*)"`).exec(text);
    if (!m) throw new Error(`master_ent.c: no literal default for ${column}`);
    return m[1];
  };
  const chroot = /get_bool_ent\(&bufp, "chroot",\s*(?:var_compat_level < (\d+)|compat_level\s*<\s*compat_level_from_string\(COMPAT_LEVEL_(\w+),\s*msg_panic\))\s*\?\s*"([yn])"\s*:\s*"([yn])"\)/.exec(text);
  if (!chroot) throw new Error('master_ent.c: the chroot default is not "below level L ? y : n"; extend the format');
  if (!/vstring_sprintf\(junk, "%d", var_proc_limit\);\s*serv->max_proc = get_int_ent\(&bufp, "max_proc", vstring_str\(junk\)/.test(text)) {
    throw new Error('master_ent.c: the maxproc default is not $default_process_limit; extend the format');
  }
  return {
    private: literal('private'),
    unpriv: literal('unprivileged'),
    chroot: { below: (chroot[1] ?? chroot[2]).replace(/_/g, '.'), then: chroot[3], else: chroot[4] },
    wakeup: literal('wakeup_time'),
    maxproc: '$default_process_limit',
  };
}

/** The compatibility_level the release's own main.cf sets (what a fresh install runs with). */
export function stockCompatibilityLevel(source) {
  const m = /^compatibility_level\s*=\s*(\S+)\s*$/m.exec(source.file('postfix/conf/main.cf') ?? '');
  if (!m) throw new Error('postfix/conf/main.cf sets no compatibility_level');
  return m[1];
}

/** A C function's text, from its definition line to the closing brace at the start of a line. */
export function functionText(text, name) {
  // The definition, not a prototype: its parameter list is followed by the body's brace.
  const start = new RegExp(`^static\\s+\\w+\\s+${name}\\([^;{]*\\)\\s*\\{`, 'm').exec(text);
  if (!start) return '';
  const end = text.indexOf('\n}', start.index);
  return text.slice(start.index, end < 0 ? text.length : end);
}

/**
 * The lines of `text` the compiler sees: blocks under `#ifdef X` are dropped when X is
 * #defined nowhere in the release's source and is not a build option (`USE_*`, `HAS_*`,
 * set by makedefs from CCARGS), as DELAY_ACTION; `#ifndef TEST` blocks are kept.
 */
export function compiledLines(text, defined) {
  const out = [];
  const stack = [];
  for (const line of text.split('\n')) {
    const m = /^#\s*(ifdef|ifndef|if|else|endif)\b\s*(\w*)/.exec(line);
    if (m) {
      if (m[1] === 'ifdef') stack.push(!(defined.has(m[2]) || /^(USE|HAS)_/.test(m[2])));
      else if (m[1] === 'ifndef' || m[1] === 'if') stack.push(false);
      else if (m[1] === 'else') stack.push(!stack.pop());
      else stack.pop();
      continue;
    }
    if (!stack.includes(true)) out.push(line);
  }
  return out.join('\n');
}

/**
 * What an access(5) table's value may be in this release, from smtpd's own source: the
 * action words check_table_result() compares the value's first word with, and the
 * restriction names generic_checks() knows (a value that is neither is read as a list of
 * restrictions, and an unknown name there makes smtpd answer with a temporary error).
 */
export function accessValues(source) {
  const text = source.file('postfix/src/smtpd/smtpd_check.c') ?? '';
  const macros = stringMacros(source);
  const defined = new Set();
  for (const p of source.paths) for (const m of source.file(p).matchAll(/^#\s*define\s+(\w+)/gm)) defined.add(m[1]);
  // A few names are #defined over a continuation line, which stringMacros() does not join.
  const continued = (token) => /^#\s*define\s+\w+\s*\\\n\s*"([^"]*)"/m.exec(
    ['postfix/src/global/mail_params.h', 'postfix/src/smtpd/smtpd_check.c'].map((p) => source.file(p) ?? '').join('\n')
      .split('\n#').find((d) => new RegExp(`^\\s*define\\s+${token}\\b`).test(d))?.replace(/^/, '#') ?? '')?.[1];
  const name = (token) => (token.startsWith('"') ? token.slice(1, -1) : macros.get(token) ?? continued(token));
  const actions = new Set();
  for (const m of compiledLines(functionText(text, 'check_table_result'), defined).matchAll(/STREQUAL\(value,\s*("[^"]*"|\w+)/g)) {
    const word = name(m[1]);
    if (!word) throw new Error(`check_table_result: unknown action macro ${m[1]}`);
    actions.add(word.toUpperCase());
  }
  const restrictions = new Set();
  const checks = compiledLines(functionText(text, 'generic_checks'), defined);
  for (const m of checks.matchAll(/(?:strcasecmp\(name,|is_map_command\(\s*state,\s*name,)\s*("[^"]*"|\w+)/g)) {
    const word = name(m[1]);
    if (!word) throw new Error(`generic_checks: unknown restriction macro ${m[1]}`);
    restrictions.add(word.toLowerCase());
  }
  // Built-in restriction classes (reject_sender_login_mismatch), known like the names above.
  for (const m of text.matchAll(/htable_enter\(smtpd_rest_classes,\s*("[^"]*"|[A-Z_]+)\s*,/g)) {
    const word = name(m[1]);
    if (!word) throw new Error(`smtpd_check.c: unknown restriction class macro ${m[1]}`);
    restrictions.add(word.toLowerCase());
  }
  if (!actions.size || !restrictions.size) throw new Error('smtpd_check.c: no access actions or restrictions found');
  return { actions: [...actions].sort(), restrictions: [...restrictions].sort() };
}
