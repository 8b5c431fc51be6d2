/** The text edits quick-fixes are made of, applied to real main.cf / master.cf text. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseSource } from '../../server/core/document';
import { removeOption, setField, setMainParameterGroups, setMainParameters, setServiceOption } from '../../server/core/fixes/edits';
import { applyEdits } from '../helpers/applyEdits';

const master = (text: string) => parseSource('master', 'file:///t/master.cf', text);
const main = (text: string) => parseSource('main', 'file:///t/main.cf', text);

describe('quick-fix edits', () => {
  it('main.cf: replaces the entry Postfix uses (the last), appends new names together', () => {
    const file = main('a_limit = 1\nb = x\n  continued\na_limit = 2   \n# end');
    const edits = setMainParameters(file, [['a_limit', '5'], ['b', 'y'], ['new_one', '1'], ['new_two', '2']]);
    assert.equal(applyEdits(file.text, edits), 'a_limit = 1\nb = y\na_limit = 5   \n# end\nnew_one = 1\nnew_two = 2\n');
  });

  it('main.cf: a group\'s new lines go after its own last entry (continuation lines included), others in one block at the end', () => {
    const file = main('a_limit = 1\nmyhostname = x\nb_x = 1\n  continued\nmydomain = y\n# end');
    const edits = setMainParameterGroups(file, [
      { pairs: [['b_limit', '2'], ['b_x', '3']], beside: (n) => n.startsWith('b_') },
      { pairs: [['c_limit', '1'], ['c_other', '1']], beside: (n) => n.startsWith('c_') },
      { pairs: [['d_limit', '1']] },
    ]);
    assert.equal(applyEdits(file.text, edits), 'a_limit = 1\nmyhostname = x\nb_x = 3\nb_limit = 2\nmydomain = y\n# end\nc_limit = 1\nc_other = 1\nd_limit = 1\n');
  });

  it('master.cf: adds an -o on a continuation line indented like the entry\'s others', () => {
    const file = master('relay unix - - n - - smtp\n\t-o smtp_helo_timeout=5\nnext unix - - n - - smtp\n');
    const edit = setServiceOption(file, file.tree.entries[0], { name: 'smtp_connection_cache_on_demand', value: 'no' });
    assert.equal(applyEdits(file.text, [edit]), 'relay unix - - n - - smtp\n\t-o smtp_helo_timeout=5\n\t-o smtp_connection_cache_on_demand=no\nnext unix - - n - - smtp\n');
  });

  it('master.cf: replaces the value of the option in effect, in the short and long forms', () => {
    const file = master('x unix - - n - - smtp -o a=1 -o { smtp_connection_cache_on_demand = yes }\n');
    const edit = setServiceOption(file, file.tree.entries[0], { name: 'smtp_connection_cache_on_demand', value: 'no' });
    assert.equal(applyEdits(file.text, [edit]), 'x unix - - n - - smtp -o a=1 -o { smtp_connection_cache_on_demand = no }\n');
    const short = master('x unix - - n - - smtp -o smtp_connection_cache_destinations=a.example\n');
    assert.equal(applyEdits(short.text, [setServiceOption(short, short.tree.entries[0], { name: 'smtp_connection_cache_destinations', value: '' })]),
      'x unix - - n - - smtp -o smtp_connection_cache_destinations=\n');
  });

  it('master.cf: removes an option with its own line, or with the blank before it on a shared line', () => {
    const own = master('x unix - - n - - smtp\n  -o turtle_destination_rate_delay=1s\n  -o syslog_name=x\n');
    assert.equal(applyEdits(own.text, [removeOption(own, own.tree.entries[0].options[0])]), 'x unix - - n - - smtp\n  -o syslog_name=x\n');
    const shared = master('x unix - - n - - smtp -o a_destination_rate_delay=1s -o syslog_name=x\n');
    assert.equal(applyEdits(shared.text, [removeOption(shared, shared.tree.entries[0].options[0])]), 'x unix - - n - - smtp -o syslog_name=x\n');
  });

  it('master.cf: replaces a field', () => {
    const file = master('x unix - - n - - smtp\n');
    assert.equal(applyEdits(file.text, [setField(file, file.tree.entries[0].fields.maxproc, '2')]), 'x unix - - n - 2 smtp\n');
  });
});
