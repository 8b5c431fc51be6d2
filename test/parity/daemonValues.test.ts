/**
 * invalid-value against the real daemons: for each value in the table, a daemon that
 * reads the parameter is started stand-alone with it (in main.cf, or as -o), and our
 * verdict must match whether the daemon stops with a fatal error about that parameter.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/core/analyze';
import { Configuration } from '../../server/core/model/configuration';
import { DEFAULT_SETTINGS } from '../../server/core/settings';
import { daemonsAvailable, runDaemon } from '../helpers/daemon';
import { postconfVersion } from '../helpers/postconf';

interface Case {
  program: string;
  name: string;
  values: string[];
}

const CASES: Case[] = [
  { program: 'smtp', name: 'smtp_connection_cache_on_demand', values: ['maybe', 'YES', 'No', '', '1', 'true'] },
  { program: 'smtp', name: 'smtp_connect_timeout', values: ['2x', '10sec', 's', '-5', '-0', '+5', '', '5S', '1.5', '5 s', '010', '0x10', '3549w', '3550w', '24854d', '24855d', '596523h', '35791394m', '2147483647', '2147483648'] },
  { program: 'smtp', name: 'message_size_limit', values: ['1.5', '-5', '99999999999', '99999999999999999999', '10240000'] },
  { program: 'smtp', name: 'smtp_mx_address_limit', values: ['10k', '+5', '-5', '2147483648', '7'] },
  { program: 'qmgr', name: 'default_destination_concurrency_limit', values: ['abc', '1.5', '', '20', '0x10'] },
  { program: 'qmgr', name: 'initial_destination_concurrency', values: ['0', '1'] },
  { program: 'qmgr', name: 'bounce_queue_lifetime', values: ['100d', '101d', '100', '2400', '8640000s', '8640001s'] },
  { program: 'qmgr', name: 'maximal_queue_lifetime', values: ['24854', '24855', '3d'] },
  { program: 'qmgr', name: 'default_destination_concurrency_positive_feedback', values: ['abc'] },
  { program: 'anvil', name: 'anvil_rate_time_unit', values: ['0', '1', '60x'] },
];

/** Stand-alone daemon arguments: -S reads one request from stdin; -t names the transport. */
const STANDALONE = ['-S', '-t', 'unix'];

function ourVerdict(texts: { main?: string; master?: string }, version: string): boolean {
  const config = new Configuration({ mainText: texts.main, masterText: texts.master, version });
  return analyze(config, { ...DEFAULT_SETTINGS, version }).some((f) => f.code === 'invalid-value');
}

const fatalAbout = (output: string, name: string): boolean =>
  output.split('\n').some((line) => /fatal:/.test(line) && line.includes(name));

if (!daemonsAvailable() && !process.env.POSTFIX_LSP_SKIP_ORACLE) {
  throw new Error('the Postfix daemons (root, /var/spool/postfix) are needed: see .ci/run, or set POSTFIX_LSP_SKIP_ORACLE=1');
}

describe('invalid-value matches the daemons', { skip: !daemonsAvailable() }, () => {
  const version = daemonsAvailable() ? postconfVersion() : '';
  for (const c of CASES) {
    it(`${c.name} in main.cf (${c.program})`, async () => {
      const mismatches: string[] = [];
      for (const value of c.values) {
        const main = `${c.name} = ${value}`;
        const output = await runDaemon({ program: c.program, main, args: STANDALONE });
        const daemon = fatalAbout(output, c.name);
        const ours = ourVerdict({ main }, version);
        if (daemon !== ours) mismatches.push(`"${value}": daemon ${daemon ? 'fatal' : 'accepts'}, we ${ours ? 'report' : 'accept'} (${output.trim().split('\n')[0]})`);
      }
      assert.deepEqual(mismatches, []);
    });
  }

  it('-o values on an smtp service', async () => {
    const mismatches: string[] = [];
    for (const [name, value] of [['smtp_connect_timeout', 'abc'], ['smtp_connect_timeout', '5m'], ['smtp_connection_cache_on_demand', 'maybe'], ['smtpd_tls_auth_only', 'maybe']]) {
      const output = await runDaemon({ program: 'smtp', args: [...STANDALONE, '-o', `${name}=${value}`] });
      const daemon = fatalAbout(output, name);
      const ours = ourVerdict({ master: `relay unix - - n - - smtp -o ${name}=${value}\n` }, version);
      if (daemon !== ours) mismatches.push(`-o ${name}=${value}: daemon ${daemon ? 'fatal' : 'accepts'}, we ${ours ? 'report' : 'accept'}`);
    }
    assert.deepEqual(mismatches, []);
  });
});
