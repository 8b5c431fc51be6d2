import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixesFor } from '../../helpers/analysis';

const CODE = 'upgrade-changed-default';
/** The names of the information-level findings (a line that keeps an old default is a hint). */
const names = (main: string) => findingsOf({ main, version: '3.7', upgradeFrom: '3.5' }).filter((f) => f.code === CODE && f.severity === 'information').map((f) => f.data?.name);
const hints = (main: string) => findingsOf({ main, version: '3.7', upgradeFrom: '3.5' }).filter((f) => f.code === CODE && f.severity === 'hint').map((f) => f.data?.name);

describe('upgrade-changed-default quick-fixes', () => {
  it('pins the old value of a default: the diagnostic goes', () => {
    const main = 'compatibility_level = 3.7\n';
    const { actions, diagnostics } = fixesFor({ main, version: '3.7', upgradeFrom: '3.5' }, 'main', CODE);
    const index = diagnostics.findIndex((d) => (d.data as { name?: string }).name === 'smtp_tls_fingerprint_digest');
    const action = actions.findIndex((a) => a.diagnostics?.[0] === diagnostics[index]);
    const { title, after } = applyFix({ main, version: '3.7', upgradeFrom: '3.5' }, 'main', CODE, action);
    assert.equal(title, 'Pin the Postfix 3.5.27 value in main.cf: smtp_tls_fingerprint_digest = md5');
    assert.equal(after, 'compatibility_level = 3.7\nsmtp_tls_fingerprint_digest = md5\n');
    assert.ok(names(main).includes('smtp_tls_fingerprint_digest'));
    assert.ok(!names(after).includes('smtp_tls_fingerprint_digest'));
    // What stays is a hint on the pin, which offers to adopt the new default again.
    assert.deepEqual(hints(after), ['smtp_tls_fingerprint_digest']);
    const back = fixesFor({ main: after, version: '3.7', upgradeFrom: '3.5' }, 'main', CODE).actions.findIndex((a) => a.title.startsWith('Adopt'));
    assert.equal(applyFix({ main: after, version: '3.7', upgradeFrom: '3.5' }, 'main', CODE, back).after, main);
  });

  it('pins what a line reads, so the line keeps its value', () => {
    const main = 'compatibility_level = 3.7\nlmtp_tls_protocols = $smtp_tls_protocols\n';
    const { actions } = fixesFor({ main, version: '3.7', upgradeFrom: '3.5' }, 'main', CODE);
    const index = actions.findIndex((a) => a.title === 'Pin the Postfix 3.5.27 value in main.cf: smtp_tls_protocols = !SSLv2, !SSLv3');
    assert.ok(index >= 0, actions.map((a) => a.title).join('\n'));
    const { after } = applyFix({ main, version: '3.7', upgradeFrom: '3.5' }, 'main', CODE, index);
    assert.equal(after, `${main}smtp_tls_protocols = !SSLv2, !SSLv3\n`);
    assert.ok(!names(after).includes('lmtp_tls_protocols'));
    assert.ok(!names(after).includes('smtp_tls_protocols'));
  });

  it('adopts the new default by removing the line that keeps the old one', () => {
    const main = 'compatibility_level = 3.7\nmilter_default_action = tempfail\nmyhostname = a.example\n';
    const { actions } = fixesFor({ main, version: '3.7', upgradeFrom: '3.5' }, 'main', CODE);
    const index = actions.findIndex((a) => a.title.startsWith('Adopt'));
    const { title, after } = applyFix({ main, version: '3.7', upgradeFrom: '3.5' }, 'main', CODE, index);
    assert.equal(title, 'Adopt the new default of milter_default_action (shutdown): remove this line');
    assert.equal(after, 'compatibility_level = 3.7\nmyhostname = a.example\n');
  });
});
