import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DECLARE_RECEIVER_COMMAND, DeclareReceiverArguments, MAX_SNIPPET_DOMAINS, directiveSnippet } from '../../server/core/features/codeLens';
import { ConfigFiles, DEFAULT_SETTINGS, createLanguageService } from '../../server/core/languageService';

describe('the "no receiver declared" lens snippet', () => {
  it('offers to take the other undeclared transports along when they are few', () => {
    assert.equal(directiveSnippet('orange', ['orange', 'wanadoo', 'smtp']),
      '# @receiver ${2:orange} max-connections=${1:3} transports=${3|orange,orange\\,wanadoo|}\n');
  });

  it('names only its own transport when there are too many others to choose from, at any count', () => {
    for (const n of [6, 12, 20_000]) {
      const many = Array.from({ length: n }, (_, i) => `out${i}`);
      assert.equal(directiveSnippet('out0', many), '# @receiver ${2:out0} max-connections=${1:3} transports=out0\n', `${n} transports`);
    }
  });

  it('never takes a stock transport along, nor offers choices on one', () => {
    assert.equal(directiveSnippet('smtp', ['smtp', 'relay', 'orange']), '# @receiver ${2:smtp} max-connections=${1:3} transports=smtp\n');
    assert.equal(directiveSnippet('orange', ['orange', 'smtp', 'relay', 'lmtp']), '# @receiver ${2:orange} max-connections=${1:3} transports=orange\n');
  });

  it('names the domains where they are known, and offers the other transports\' domains along', () => {
    const domains = new Map([['orange', ['orange.fr']], ['wanadoo', ['wanadoo.fr', 'voila.fr']]]);
    assert.equal(directiveSnippet('orange', ['orange', 'wanadoo', 'smtp'], (t) => domains.get(t)),
      '# @receiver ${2:orange} max-connections=${1:3} domains=${3|orange.fr,orange.fr\\,wanadoo.fr\\,voila.fr|}\n');
    assert.equal(directiveSnippet('orange', ['orange', 'other'], (t) => domains.get(t)), '# @receiver ${2:orange} max-connections=${1:3} domains=orange.fr\n', 'an undeclared transport of unknown domains stays out');
    const many = Array.from({ length: MAX_SNIPPET_DOMAINS }, (_, i) => `d${i}.example`);
    assert.equal(directiveSnippet('orange', ['orange', 'bulk'], (t) => (t === 'bulk' ? many : domains.get(t))), '# @receiver ${2:orange} max-connections=${1:3} domains=orange.fr\n', `no choice past ${MAX_SNIPPET_DOMAINS} domains in all`);
  });
});

// Through the service: the lens of each transport of this configuration, and what its snippet does once inserted.
const MAP = '/etc/postfix/transport';
const MAIN = `transport_maps = hash:${MAP}, inline:{ free.fr=free: }
relayhost = [relay.example.net]
smtp_connection_cache_on_demand = no
# what a strict receiver needs anyway (failed-cohort-limit)
default_destination_concurrency_failed_cohort_limit = 10
`;
const MAP_TEXT = `orange.fr    orange:[smtp.orange.fr]
wanadoo.fr   orange:[smtp.orange.fr]
.orange.fr   sub:[smtp.orange.fr]
${Array.from({ length: MAX_SNIPPET_DOMAINS + 1 }, (_, i) => `d${i}.example   bulk:[mx.bulk.example]`).join('\n')}
${Array.from({ length: 20 }, (_, i) => `h${i}.example   huge:[mx.huge.example]`).join('\n')}
`;
const MASTER = `smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
orange    unix  -       -       n       -       2       smtp
free      unix  -       -       n       -       1       smtp
sub       unix  -       -       n       -       1       smtp
bulk      unix  -       -       n       -       1       smtp
huge      unix  -       -       n       -       1       smtp
filter    unix  -       -       n       -       1       smtp
`;

const service = createLanguageService();

function files(main: string, master: string): ConfigFiles {
  return {
    main: service.parse('main', 'file:///etc/postfix/main.cf', main) as ConfigFiles['main'],
    master: service.parse('master', 'file:///etc/postfix/master.cf', master) as ConfigFiles['master'],
    maps: new Map([[MAP, service.parseMap(`file://${MAP}`, MAP_TEXT, 'indexed')]]),
  };
}

/** The snippet each "no receiver declared" lens of master.cf would insert, by transport. */
function snippets(config: ConfigFiles): Map<string, DeclareReceiverArguments> {
  const out = new Map<string, DeclareReceiverArguments>();
  for (const lens of service.codeLenses({ files: config, file: config.master!, settings: DEFAULT_SETTINGS })) {
    if (lens.command?.command !== DECLARE_RECEIVER_COMMAND) continue;
    out.set(lens.command.title.split(':')[0], lens.command.arguments![0] as DeclareReceiverArguments);
  }
  return out;
}

/** The snippet's text with every placeholder at its default (a choice at its first), as accepting it writes. */
function accept(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|((?:\\.|[^,|])*)[,|][^}]*\}/g, '$1')
    .replace(/\\(.)/g, '$1');
}

const findings = (config: ConfigFiles): string[] => service.findings(config, DEFAULT_SETTINGS).map((f) => `${f.code}: ${f.message}`).sort();

describe('the lens snippet on a real configuration', () => {
  const before = files(MAIN, MASTER);
  const lenses = snippets(before);

  it('names the domains the transport map routes to a transport, and only to it', () => {
    assert.equal(lenses.get('orange')?.snippet, '# @receiver ${2:orange} max-connections=${1:3} domains=orange.fr,wanadoo.fr\n');
    assert.equal(lenses.get('free')?.snippet, '# @receiver ${2:free} max-connections=${1:3} domains=free.fr\n', 'from an inline: table');
  });

  it('names the transport when its domains are not known by name, or too many', () => {
    const transports = (t: string): string => `# @receiver \${2:${t}} max-connections=\${1:3} transports=${t}\n`;
    assert.equal(lenses.get('sub')?.snippet, transports('sub'), 'a key for subdomains is not a domain');
    assert.equal(lenses.get('bulk')?.snippet, transports('bulk'), `${MAX_SNIPPET_DOMAINS + 1} domains`);
    assert.equal(lenses.get('huge')?.snippet, transports('huge'), 'more keys than are kept');
    assert.equal(lenses.get('smtp')?.snippet, transports('smtp'), 'default_transport: every other domain too');
    assert.equal(lenses.get('filter')?.snippet, transports('filter'), 'no keys at all');
    // A key routing to a transport that a parameter names too: mail for other domains takes it as well.
    const filtered = snippets(files(`${MAIN}content_filter = orange:[smtp.orange.fr]\n`, MASTER));
    assert.equal(filtered.get('orange')?.snippet, transports('orange'), 'content_filter');
  });

  for (const transport of ['orange', 'free']) {
    it(`${transport}: the accepted snippet adds a receiver whose domains route to the transport, and no finding`, () => {
      const { line, snippet } = lenses.get(transport)!;
      const lines = MASTER.split('\n');
      lines.splice(line, 0, accept(snippet).replace(/\n$/, ''));
      const after = files(MAIN, lines.join('\n'));
      assert.deepEqual(findings(after), findings(before));
      const lens = service.codeLenses({ files: after, file: after.master!, settings: DEFAULT_SETTINGS });
      const routing = lens.map((l) => l.command?.title ?? '').find((t) => t.startsWith(`${transport}: `) && t.includes('next-hop'));
      assert.ok(routing, `the receiver's routing lens: ${JSON.stringify(lens.map((l) => l.command?.title))}`);
      assert.match(routing, new RegExp(`via ${transport}$`), 'its domains reach its transport only');
      assert.ok(!snippets(after).has(transport), 'the transport has its receiver now');
    });
  }
});
