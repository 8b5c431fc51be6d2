/**
 * The one definition of the `postfix.*` settings the server reads. package.json's
 * contributes.configuration must list the same properties (a test keeps them in sync),
 * and `readSettings` turns whatever the client sends into AnalysisSettings.
 */
import { CODES, CodeInfo, LEVELS, Level, isCode } from './diagnosticCodes';
import { AnalysisSettings, ReceiverSetting } from './settings';

const CODE_INFO = CODES as Record<string, CodeInfo>;

/** What each level does, in LEVELS' order, for the Settings UI's drop-down. */
const LEVEL_WORDS = [
  'not reported',
  'reported as an error',
  'reported as a warning',
  'reported as information',
  'shown as a hint (dots under the text, no entry in the Problems panel)',
] as const;

export const SETTINGS_SCHEMA = {
  'postfix.version': {
    type: 'string',
    default: 'auto',
    pattern: '^(latest|auto|\\d+\\.\\d+(\\.\\d+|-dev|-\\d{8})?)$',
    markdownDescription:
      'Postfix release to check against: `auto` (the default) asks `postconf -d -h mail_version` on the machine the server runs on (the mail server under Remote-SSH; trusted workspaces only) and takes the newest release when none answers; `latest` is the newest stable release; or a version such as `3.7` or `3.9.14`. The parameter hover says which release it used and why.',
  },
  'postfix.upgradeFrom': {
    type: 'string',
    default: '',
    pattern: '^(|\\d+\\.\\d+(\\.\\d+|-dev|-\\d{8})?)$',
    markdownDescription:
      'The Postfix release this server is upgraded from, e.g. `3.5` or `3.5.25` (empty: no upgrade). Set, it turns on the `upgrade-changed-default` diagnostics, hovers show each value under both releases, and **Postfix: Review Upgrade...** starts from it. The release upgraded to is `postfix.version`. See docs/upgrade-review.md.',
  },
  'postfix.diagnostics': {
    type: 'object',
    markdownDescription:
      'The severity of each diagnostic by code: `off`, `error`, `warning`, `information` or `hint` (`true` keeps the code\'s own severity, `false` is `off`), e.g. `"inline-comment": "off"`. Every code is listed with its own severity; see docs/diagnostics.md.',
    // anyOf, not `type: [string, boolean]`: VS Code's Settings UI (1.100) then shows each code
    // with an edit button and a drop-down of the levels; with a type list it shows them read-only.
    properties: Object.fromEntries(
      Object.entries(CODE_INFO).map(([code, info]) => [code, {
        anyOf: [{ type: 'string', enum: [...LEVELS], enumDescriptions: [...LEVEL_WORDS] }, { type: 'boolean' }], default: info.severity, description: info.summary,
      }]),
    ),
    additionalProperties: false,
    // Every code with its own severity: the Settings UI then shows what is really in force.
    default: Object.fromEntries(Object.entries(CODE_INFO).map(([code, info]) => [code, info.severity])),
  },
  'postfix.diagnose.hosts': {
    type: 'array',
    items: {
      type: 'string',
      pattern:
        '^(?:[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}@)?(?:[A-Za-z0-9_][A-Za-z0-9_-]{0,62}(?:\\.[A-Za-z0-9_][A-Za-z0-9_-]{0,62})*\\.?|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]+)$',
    },
    default: [],
    markdownDescription:
      'Mail servers the diagnose commands run on over `ssh` (`mx1.example.com`, `root@10.0.0.5`, an ssh alias): every host behind the same public IP shares a receiver\'s cap. `local` is the machine the extension runs on (the mail server under Remote-SSH); an empty list means `local` only.',
  },
  'postfix.diagnose.configDirectory': {
    type: 'string',
    default: '',
    markdownDescription:
      'Postfix configuration directory on the diagnosed hosts, passed as `-c DIR` to postconf, postqueue, qshape and postfix. Empty: Postfix\'s default (`/etc/postfix`).',
  },
  'postfix.diagnose.sudo': {
    type: 'boolean',
    default: false,
    markdownDescription:
      'Run the commands that need root (`ss -p`, journalctl, the queue, the cache test\'s `postconf -e` and `postfix reload`) with `sudo` (over ssh, `sudo -n`: no password prompt).',
  },
  'postfix.receivers': {
    type: 'array',
    default: [],
    markdownDescription:
      'Strict receivers whose connection budget is checked, like a `# @receiver` comment in main.cf or master.cf (a comment with the same name wins). The receiver sees the sum of the sessions of its `transports` plus `otherSenders`; more than `maxConnections` is an error, exactly as many a warning.',
    items: {
      type: 'object',
      required: ['name', 'maxConnections'],
      anyOf: [{ required: ['transports'] }, { required: ['domains'] }, { required: ['mx'] }],
      additionalProperties: false,
      properties: {
        name: { type: 'string', description: 'A name for the receiver, e.g. orange.' },
        maxConnections: { type: 'integer', minimum: 1, description: 'How many sessions the receiver accepts at once from this host.' },
        transports: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'The master.cf smtp/lmtp transports that deliver to it. With domains or mx: an override of the transports the routing gives.' },
        domains: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Its domains, e.g. orange.fr: the routing (transport maps, relayhost, ...) gives its transports and next-hops, as domains= of a # @receiver comment.' },
        mx: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Its MX host names, e.g. mx1.orange.fr: next-hops naming them count toward it, as mx= of a # @receiver comment.' },
        otherSenders: { type: 'integer', minimum: 0, default: 0, description: 'Sessions from other hosts or routes sharing the source IP.' },
        destinations: { type: 'integer', minimum: 1, default: 1, description: 'How many destinations (next-hops) of the receiver each transport serves; for a fallback relay, how many next-hops can fall back to it (default: every one). With domains or mx: an override of what the routing gives.' },
        starttls: { type: 'boolean', default: true, description: 'Whether the receiver offers STARTTLS. With smtp_tls_security_level = may, sessions to a receiver that offers it use TLS, and TLS sessions are not cached unless smtp_tls_connection_reuse = yes.' },
        source: { type: 'string', description: 'The source address of this host that the cap is about (e.g. 203.0.113.5): only transports that can send from it count. Empty: every source address is budgeted apart.' },
        fallback: { type: 'boolean', default: false, description: 'The receiver is the smtp_fallback_relay of its transports: deliveries for every next-hop that falls back reach it.' },
      },
    },
  },
} as const;

type Raw = Record<string, unknown> | undefined | null;

/** Why `postfix.version = auto` gave no release: postconf was not run, or did not answer. */
export type AutoFailure = 'untrusted' | 'no-answer';

/**
 * Reads the `postfix` settings section (as sent by the client) defensively. For
 * `version: auto`, `resolvedVersion` is what the local postconf answered, else `failure`
 * says why there is none.
 */
export function readSettings(section: Raw, resolvedVersion?: string, failure?: AutoFailure): AnalysisSettings {
  const s = section && typeof section === 'object' ? section : {};
  const levels = new Map<string, Level>();
  const diagnostics = s.diagnostics;
  if (diagnostics && typeof diagnostics === 'object') {
    for (const [code, value] of Object.entries(diagnostics as Record<string, unknown>)) {
      const level = levelOf(value);
      // The code's own severity is no override: a default value from the Settings UI changes nothing.
      if (level && isCode(code) && level !== CODE_INFO[code].severity) levels.set(code, level);
    }
  }
  const version = typeof s.version === 'string' ? s.version : undefined;
  const upgradeFrom = typeof s.upgradeFrom === 'string' && s.upgradeFrom.trim() ? s.upgradeFrom.trim() : undefined;
  const versionNote = noteFor(version, resolvedVersion, failure);
  return {
    version: version === 'auto' ? resolvedVersion : version === 'latest' ? undefined : version,
    ...(versionNote ? { versionNote } : {}),
    levels,
    receivers: readReceivers(s.receivers),
    ...(upgradeFrom ? { upgradeFrom } : {}),
  };
}

/** Why the setting gave the release it gave, for the hover; undefined when nothing was set. */
function noteFor(version: string | undefined, resolved: string | undefined, failure: AutoFailure | undefined): string | undefined {
  if (version === undefined) return undefined;
  if (version === 'latest') return 'the newest release known here (`postfix.version` is latest)';
  if (version !== 'auto') return 'as `postfix.version` asks';
  if (resolved) return 'the one installed where the server runs (`postconf -d mail_version`; `postfix.version` is auto)';
  return failure === 'untrusted'
    ? 'the newest release known here: `postfix.version` is auto, but postconf is not run in an untrusted workspace'
    : 'the newest release known here: `postfix.version` is auto, but no postconf answered where the server runs';
}

/** A code's setting as a level: a level name, `false` for off; `true` or anything else keeps the default. */
export function levelOf(value: unknown): Level | undefined {
  if (value === false) return 'off';
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value) ? (value as Level) : undefined;
}

function readReceivers(raw: unknown): ReceiverSetting[] {
  if (!Array.isArray(raw)) return [];
  const out: ReceiverSetting[] = [];
  for (const r of raw) {
    if (!r || typeof r !== 'object') continue;
    const o = r as Record<string, unknown>;
    const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : undefined);
    const domains = strings(o.domains);
    const mx = strings(o.mx);
    if (typeof o.name !== 'string' || typeof o.maxConnections !== 'number' || (!Array.isArray(o.transports) && !domains && !mx)) continue;
    out.push({
      name: o.name,
      maxConnections: o.maxConnections,
      transports: strings(o.transports) ?? [],
      ...(domains ? { domains } : {}),
      ...(mx ? { mx } : {}),
      otherSenders: typeof o.otherSenders === 'number' ? o.otherSenders : undefined,
      destinations: typeof o.destinations === 'number' ? o.destinations : undefined,
      starttls: typeof o.starttls === 'boolean' ? o.starttls : undefined,
      source: typeof o.source === 'string' ? o.source : undefined,
      fallback: typeof o.fallback === 'boolean' ? o.fallback : undefined,
    });
  }
  return out;
}
