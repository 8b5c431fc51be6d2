/**
 * Routing as trivial-rewrite resolves it (resolve.c, transport.c): address classes, the
 * relayhost, transport:nexthop values, transport(5)'s search order and nexthop forms,
 * inline: tables; which transports deliver only on this host; and the budget of a
 * receiver declared by its domains.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Configuration } from '../../server/core/model/configuration';
import { deliversOnlyLocally, isLocalNexthop, isMxRouted, routeOf, transportHops } from '../../server/core/model/routing';
import { budgetLine, receiverBudgets } from '../../server/core/model/budget';
import { routingWords } from '../../server/core/model/receiverRouting';
import { tablesOf } from '../helpers/tables';
import { transportEntryMarkdown } from '../../server/core/features/hover/transportEntry';
import { DEFAULT_SETTINGS } from '../../server/core/settings';
import { readSettings } from '../../server/core/settingsSchema';

const MASTER = [
  'smtp      unix  -       -       n       -       -       smtp',
  'relay     unix  -       -       n       -       -       smtp',
  'orange    unix  -       -       n       -       10      smtp',
  'local     unix  -       n       n       -       -       local',
  'virtual   unix  -       n       n       -       -       virtual',
  'lmtp      unix  -       -       n       -       -       lmtp',
  'amavis    unix  -       -       n       -       2       smtp',
  '',
].join('\n');

const config = (main: string, maps: Record<string, string> = {}, master = MASTER): Configuration =>
  new Configuration({ mainText: main, masterText: master, tables: tablesOf(maps) });
const route = (c: Configuration, domain: string): string => `${routeOf(c, domain).transport} ${routeOf(c, domain).nexthop}`;

describe('the route of a domain', () => {
  it('default_transport with the recipient domain as next-hop, MX-routed', () => {
    const r = routeOf(config('mydestination = localhost\n'), 'Orange.FR');
    assert.deepEqual([r.transport, r.nexthop, r.queue, r.mxRouted], ['smtp', 'orange.fr', 'orange.fr', true]);
  });

  it('relayhost replaces the next-hop of off-host classes only', () => {
    const c = config('relayhost = [smtp.isp.example]:587\nmydestination = example.com\nrelay_domains = relayed.example\n');
    assert.equal(route(c, 'orange.fr'), 'smtp [smtp.isp.example]:587');
    assert.equal(route(c, 'relayed.example'), 'relay [smtp.isp.example]:587');
    assert.equal(route(c, 'example.com'), 'local example.com');
    assert.equal(routeOf(c, 'orange.fr').mxRouted, false);
  });

  it('a transport:nexthop parameter value overrides the next-hop (virtual_transport, default_transport)', () => {
    const c = config('virtual_mailbox_domains = hosted.example\nvirtual_transport = lmtp:unix:private/dovecot-lmtp\ndefault_transport = orange:[out.example]\n');
    assert.equal(route(c, 'hosted.example'), 'lmtp unix:private/dovecot-lmtp');
    assert.equal(route(c, 'orange.fr'), 'orange [out.example]');
  });

  it('transport(5) nexthop forms: "transport:" is the recipient domain, ":nexthop" keeps the transport', () => {
    const c = config('transport_maps = hash:/etc/postfix/transport\nrelayhost = [relay.example]\n', {
      '/etc/postfix/transport': 'orange.fr orange:\nwanadoo.fr orange:[smtp.orange.fr]:25\nfree.fr :[mx.free.fr]\nsfr.fr smtp\n',
    });
    assert.equal(route(c, 'orange.fr'), 'orange orange.fr', 'the relayhost is reset to the recipient domain');
    assert.equal(route(c, 'wanadoo.fr'), 'orange [smtp.orange.fr]:25');
    assert.equal(route(c, 'free.fr'), 'smtp [mx.free.fr]');
    assert.equal(route(c, 'sfr.fr'), 'smtp sfr.fr');
    assert.equal(route(c, 'other.example'), 'smtp [relay.example]', 'no entry: the class route stays');
    assert.deepEqual(routeOf(c, 'wanadoo.fr').steps.map((s) => s.name), ['default_transport', 'relayhost', 'transport_maps']);
  });

  it('parent domains: ".example.com" by default, "example.com" with transport_maps in parent_domain_matches_subdomains; then "*"', () => {
    const maps = { '/t': 'orange.fr orange:\n.wanadoo.fr orange:[w]\n* relay:[catchall]\n' };
    const plain = config('transport_maps = texthash:/t\n', maps);
    assert.equal(route(plain, 'mx.orange.fr'), 'relay [catchall]', 'orange.fr does not match a subdomain by default');
    assert.equal(route(plain, 'a.b.wanadoo.fr'), 'orange [w]');
    assert.equal(route(plain, 'wanadoo.fr'), 'relay [catchall]', '.wanadoo.fr matches subdomains only');
    const parents = config('transport_maps = texthash:/t\nparent_domain_matches_subdomains = transport_maps\n', maps);
    assert.equal(route(parents, 'mx.orange.fr'), 'orange mx.orange.fr', 'the next-hop is the recipient domain, not the key');
  });

  it('inline: tables, and the first table that answers wins', () => {
    const c = config('transport_maps = inline:{ orange.fr=orange:[a], { wanadoo.fr = orange: } } inline:{orange.fr=smtp}\n');
    assert.equal(route(c, 'orange.fr'), 'orange [a]');
    assert.equal(route(c, 'wanadoo.fr'), 'orange wanadoo.fr');
  });

  it('a table that cannot be read marks the route incomplete', () => {
    const r = routeOf(config('transport_maps = ldap:/etc/postfix/ldap-transport.cf\n'), 'orange.fr');
    assert.match(r.incomplete ?? '', /ldap:/);
  });

  it('a virtual alias domain is its own class: aliased, error transport, transport_maps not consulted, exact names only', () => {
    const c = config('virtual_alias_domains = alias.example, hash:/etc/postfix/vdomains\nvirtual_alias_maps = hash:/etc/postfix/virtual\ntransport_maps = inline:{ alias.example=orange:[x] }\nmydestination = alias.example\n', {
      '/etc/postfix/vdomains': 'listed.example whatever\n',
    });
    const r = routeOf(c, 'Alias.Example');
    assert.deepEqual([r.aliased, r.transport, r.nexthop, r.mxRouted, r.steps.map((s) => s.name)], [true, 'error', '5.1.1 User unknown in virtual alias table', false, ['virtual_alias_domains']]);
    assert.equal(routeOf(c, 'listed.example').aliased, true, 'a key of a table in the list');
    assert.equal(routeOf(c, 'sub.alias.example').aliased, undefined, 'a string list does not match subdomains');
    const quiet = config('virtual_alias_domains = alias.example\nshow_user_unknown_table_name = no\n');
    assert.equal(routeOf(quiet, 'alias.example').nexthop, '5.1.1 User unknown');
    assert.equal(routeOf(config('virtual_alias_maps = mysql:/etc/postfix/mysql-virtual.cf\n'), 'orange.fr').incomplete, undefined, 'the default $virtual_alias_maps unread: not incomplete');
  });

  it('a receiver\'s virtual alias domain has no next-hop of its own, and its route says it is aliased', () => {
    const c = config('virtual_alias_domains = alias.example\nsmtp_connection_cache_on_demand = no\n# @receiver orange max-connections=10 domains=orange.fr,alias.example\n');
    const [b] = receiverBudgets(c, []);
    assert.equal(routingWords(b.routing!), '1 domain MX-routed = 1 next-hop via smtp; 1 virtual alias domain (aliased, not delivered)');
    assert.deepEqual([...b.routing!.transports.keys()], ['smtp']);
  });

  it('sender_dependent_default_transport_maps "may also route"', () => {
    const c = config('sender_dependent_default_transport_maps = inline:{ bulk@example.com=orange }\n');
    assert.deepEqual(routeOf(c, 'orange.fr').mayAlso.map((m) => m.transport), ['orange']);
  });
});

describe('next-hops of transports', () => {
  it('local next-hops: sockets, loopback addresses and names', () => {
    for (const n of ['unix:private/dovecot-lmtp', '[127.0.0.1]:10024', 'inet:[127.0.0.1]:10083', '[::1]:10025', 'localhost:10024', '127.0.0.1:10024']) assert.ok(isLocalNexthop(n), n);
    for (const n of ['', 'orange.fr', '[smtp.orange.fr]:25', '[192.0.2.1]']) assert.ok(!isLocalNexthop(n), n);
    assert.ok(isMxRouted('orange.fr') && isMxRouted('orange.fr:25') && !isMxRouted('[orange.fr]'));
  });

  it('a loopback content filter and an LMTP socket deliver only locally; the default transport does not', () => {
    const c = config('content_filter = amavis:[127.0.0.1]:10024\nvirtual_transport = lmtp:unix:private/dovecot-lmtp\n');
    assert.ok(deliversOnlyLocally(c, 'amavis'));
    assert.ok(deliversOnlyLocally(c, 'lmtp'));
    assert.ok(deliversOnlyLocally(c, 'local'), 'local(8) delivers here whatever local_transport\'s next-hop');
    assert.ok(!deliversOnlyLocally(c, 'smtp'));
    assert.ok(!deliversOnlyLocally(c, 'orange'), 'a transport no route names: nothing is known, so not quiet');
  });

  it('a transport with one remote next-hop beside local ones is not local', () => {
    const c = config('content_filter = amavis:[127.0.0.1]:10024\ntransport_maps = inline:{ orange.fr=amavis }\n');
    assert.ok(!deliversOnlyLocally(c, 'amavis'));
    assert.deepEqual(transportHops(c).get('amavis')!.map((h) => h.nexthop), ['[127.0.0.1]:10024', '']);
  });

  it('a fallback relay off the host makes a loopback transport reach out', () => {
    const master = `${MASTER}filter unix - - n - 2 smtp\n  -o smtp_fallback_relay=[backup.example]\n`;
    const c = config('content_filter = filter:[127.0.0.1]:10024\n', {}, master);
    assert.ok(!deliversOnlyLocally(c, 'filter'));
    assert.deepEqual(transportHops(c).get('filter')!.map((h) => `${h.nexthop} ${h.via}`), ['[127.0.0.1]:10024 content_filter', '[backup.example] smtp_fallback_relay']);
  });

  it('-o content_filter on a master.cf service counts', () => {
    const master = `${MASTER}submission inet n - n - - smtpd\n  -o content_filter=amavis:[127.0.0.1]:10026\n`;
    assert.ok(deliversOnlyLocally(config('', {}, master), 'amavis'));
  });
});

describe('the budget of a receiver declared by its domains', () => {
  const NOCACHE = 'smtp_connection_cache_on_demand = no\nsmtp_destination_concurrency_limit = 2\norange_destination_concurrency_limit = 2\n';

  it('MX-routed domains are one next-hop each: "2 domains MX-routed = 2 next-hops"', () => {
    const c = config(`${NOCACHE}# @receiver orange max-connections=10 domains=orange.fr,wanadoo.fr\n`);
    const [b] = receiverBudgets(c, []);
    assert.equal(routingWords(b.routing!), '2 domains MX-routed = 2 next-hops via smtp');
    assert.deepEqual(b.shares.map((s) => [s.transport, s.destinations, s.visible]), [['smtp', 2, 4]]);
    assert.equal(budgetLine(b), 'smtp: 4 = 4 of 10 (ok)');
  });

  it('three domains to one explicit next-hop share it; a domain left to the default transport is counted there', () => {
    const c = config(`${NOCACHE}transport_maps = hash:/etc/postfix/transport\n# @receiver orange max-connections=5 domains=orange.fr,wanadoo.fr,voila.fr,[192.0.2.7]\n`, {
      '/etc/postfix/transport': 'orange.fr orange:[smtp.orange.fr]\nwanadoo.fr orange:[smtp.orange.fr]\nvoila.fr orange:[smtp.orange.fr]\n',
    });
    const [b] = receiverBudgets(c, []);
    assert.equal(routingWords(b.routing!), '3 domains to [smtp.orange.fr] = 1 next-hop via orange; 1 domain to [192.0.2.7] = 1 next-hop via smtp');
    assert.deepEqual(b.shares.map((s) => [s.transport, s.destinations, s.visible]), [['orange', 1, 2], ['smtp', 1, 2]]);
    assert.equal(b.visible, 4);
  });

  it('transports= and destinations= override what routing gives', () => {
    const c = config(`${NOCACHE}# @receiver orange max-connections=5 domains=orange.fr,wanadoo.fr transports=orange destinations=3\n`);
    const [b] = receiverBudgets(c, []);
    assert.deepEqual(b.shares.map((s) => [s.transport, s.destinations]), [['orange', 3]]);
    const d = config(`${NOCACHE}# @receiver orange max-connections=5 domains=orange.fr,wanadoo.fr transports=smtp\n`);
    assert.deepEqual(receiverBudgets(d, [])[0].shares.map((s) => [s.transport, s.destinations]), [['smtp', 2]], 'D from routing for the named transport');
  });

  it('mx= counts every next-hop that names one of the MX hosts', () => {
    const c = config(`${NOCACHE}relayhost = [mx1.orange.fr]\ntransport_maps = inline:{ voila.fr=orange:[MX2.orange.fr]:25 }\n# @receiver orange max-connections=5 mx=mx1.orange.fr,mx2.orange.fr\n`);
    const [b] = receiverBudgets(c, []);
    assert.deepEqual(b.shares.map((s) => [s.transport, s.destinations]).sort(), [['orange', 1], ['relay', 1], ['smtp', 1]]);
  });
});

describe('sender_dependent_relayhost_maps and mx=', () => {
  it('a host a sender-dependent relayhost lists counts toward mx= on every off-host transport, as "may also route"; DUNNO does not', () => {
    const c = config('smtp_connection_cache_on_demand = no\nrelay_transport = relay\nsender_dependent_relayhost_maps = hash:/etc/postfix/sender_relay\n# @receiver orange max-connections=5 mx=mx1.orange.fr\n', {
      '/etc/postfix/sender_relay': 'bulk@example.com [mx1.orange.fr]:25\nother@example.com DUNNO\nthird@example.com [smtp.isp.example]\n',
    });
    const [b] = receiverBudgets(c, []);
    const hops = [...b.routing!.transports].map(([t, h]) => [t, [...h.values()].map((x) => `${x.nexthop} ${x.via}`)]);
    assert.deepEqual(hops, [
      ['smtp', ['[mx1.orange.fr]:25 sender_dependent_relayhost_maps (hash:/etc/postfix/sender_relay), may also route']],
      ['relay', ['[mx1.orange.fr]:25 sender_dependent_relayhost_maps (hash:/etc/postfix/sender_relay), may also route']],
    ]);
    assert.deepEqual(routeOf(c, 'orange.fr').mayAlso.map((m) => m.nexthop), ['[mx1.orange.fr]:25', '[smtp.isp.example]']);
  });
});

describe('a receiver of the postfix.receivers setting declared by its domains and MX hosts', () => {
  const NOCACHE = 'smtp_connection_cache_on_demand = no\nsmtp_destination_concurrency_limit = 2\norange_destination_concurrency_limit = 2\n';

  it('domains and mx read from the setting give transports and next-hops as the directive does', () => {
    const settings = readSettings({ receivers: [{ name: 'orange', maxConnections: 10, domains: ['Orange.FR', 'wanadoo.fr.', 'not a domain'] }] });
    const c = config(NOCACHE);
    const [b] = receiverBudgets(c, settings.receivers);
    assert.equal(routingWords(b.routing!), '2 domains MX-routed = 2 next-hops via smtp');
    assert.deepEqual(b.shares.map((s) => [s.transport, s.destinations, s.visible]), [['smtp', 2, 4]]);
    const viaMx = readSettings({ receivers: [{ name: 'orange', maxConnections: 5, mx: ['mx1.orange.fr'] }] });
    const [m] = receiverBudgets(config(`${NOCACHE}relayhost = [mx1.orange.fr]\n`), viaMx.receivers);
    assert.deepEqual(m.shares.map((s) => [s.transport, s.destinations]).sort(), [['relay', 1], ['smtp', 1]]);
  });

  it('transports and destinations stay overrides; a receiver with none of transports, domains, mx is ignored', () => {
    const settings = readSettings({ receivers: [
      { name: 'orange', maxConnections: 5, domains: ['orange.fr', 'wanadoo.fr'], transports: ['orange'], destinations: 3 },
      { name: 'nothing', maxConnections: 5 },
    ] });
    assert.deepEqual(settings.receivers.map((r) => r.name), ['orange']);
    const budgets = receiverBudgets(config(NOCACHE), settings.receivers);
    assert.deepEqual(budgets.map((b) => [b.receiver.name, b.shares.map((s) => [s.transport, s.destinations])]), [['orange', [['orange', 3]]]]);
  });
});

describe('the routing part of a hover on a transport map key', () => {
  const NOCACHE = 'smtp_connection_cache_on_demand = no\norange_destination_concurrency_limit = 2\n';
  const maps = { '/etc/postfix/transport': 'orange.fr orange:[smtp.orange.fr]\nwanadoo.fr orange:[smtp.orange.fr]\n* smtp:\n' };
  const c = config(`${NOCACHE}transport_maps = hash:/etc/postfix/transport\n# @receiver orange max-connections=3 domains=orange.fr,wanadoo.fr\n`, maps);
  const ctx = { config: c, settings: DEFAULT_SETTINGS };

  it('names the transport and next-hop, and the budget the domain feeds', () => {
    assert.equal(transportEntryMarkdown(ctx, '/etc/postfix/transport', 'Orange.fr'), [
      'Mail for orange.fr: transport **orange**, next-hop `[smtp.orange.fr]`: one qmgr destination, with its own per-destination limit.',
      'Feeds the budget of receiver **orange**: orange: 2 = 2 of 3 (ok)',
    ].join('\n\n'));
  });

  it('the wildcard entry, and a table that is not a transport map', () => {
    assert.equal(transportEntryMarkdown(ctx, '/etc/postfix/transport', '*'), 'Routes every domain no other entry matches: transport **smtp**, next-hop the recipient domain (MX-routed).');
    assert.equal(transportEntryMarkdown(ctx, '/etc/postfix/virtual', 'orange.fr'), undefined);
  });
});
