/** Hover on master.cf columns: meaning and the value in effect, with "-" resolved. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { hover } from '../../server/core/features/hover';
import { featureContext } from '../helpers/featureContext';
import { hoverAtCaret } from '../helpers/hover';
import { caret } from '../helpers/markers';

function hoverText(masterMarked: string, main = ''): string {
  return hoverAtCaret({ file: 'master', marked: masterMarked, other: main, version: '3.7.11' }).text;
}

describe('hover on a master.cf column', () => {
  it('resolves maxproc "-" to default_process_limit from the configuration', () => {
    const line = 'relay     unix  -       -       n       -       |-       smtp\n';
    assert.match(hoverText(line), /^\*\*maxproc\*\* \(column 7\)/);
    assert.match(hoverText(line), /\*\*In effect:\*\* `100` \(`-` = `default_process_limit`, from the default of Postfix 3\.7\.11\)/);
    assert.match(hoverText(line, 'default_process_limit = 50\n'), /\*\*In effect:\*\* `50` \(`-` = `default_process_limit`, from main\.cf line 1\)/);
    assert.match(hoverText(line, 'x_limit = 25\ndefault_process_limit = $x_limit\n'), /\*\*In effect:\*\* `25` \(`-` = `default_process_limit`, from main\.cf line 2\)/);
    assert.match(hoverText('relay unix - - n - |0 smtp\n'), /\*\*In effect:\*\* `0`: no process limit/);
    assert.match(hoverText('relay unix - - n - |5 smtp\n'), /\*\*In effect:\*\* at most 5 processes/);
  });

  it('resolves private and unpriv "-" to y, and flags a private inet service', () => {
    assert.match(hoverText('relay unix |- - n - - smtp\n'), /\*\*In effect:\*\* `y` \(`-` = `y`\): private/);
    assert.match(hoverText('smtp inet |- - n - - smtpd\n'), /`y` \(`-` = `y`\): private; master\(8\) refuses to start a private `inet` service/);
    assert.match(hoverText('smtp inet |n - n - - smtpd\n'), /\*\*In effect:\*\* `n`: public$/m);
    assert.match(hoverText('relay unix - |- n - - smtp\n'), /`y` \(`-` = `y`\): runs as the mail owner \(`mail_owner` = `postfix`\)/);
    assert.match(hoverText('local unix - |n n - - local\n'), /\*\*In effect:\*\* `n`: runs as root/);
  });

  it('resolves chroot "-" by compatibility_level, as master(8) does', () => {
    const line = 'relay unix - - |- - - smtp\n';
    assert.match(hoverText(line), /`y` \(`-` = `y` because `compatibility_level` = `0` is below 1\)/);
    assert.match(hoverText(line, 'compatibility_level = 3.6\n'), /`n` \(`-` = `n` because `compatibility_level` = `3\.6` is at least 1\)/);
    assert.match(hoverText('relay unix - - |y - - smtp\n'), /\*\*In effect:\*\* `y`: chrooted to the queue directory/);
  });

  it('explains wakeup values', () => {
    assert.match(hoverText('pickup unix n - y |60 1 pickup\n'), /\*\*In effect:\*\* every 60 seconds$/m);
    assert.match(hoverText('qmgr unix n - n |300? 1 qmgr\n'), /every 300 seconds, starting after the first time the service is used/);
    assert.match(hoverText('relay unix - - n |- - smtp\n'), /`0` \(`-` = `0`\): no wake-up/);
    assert.match(hoverText('relay unix - - n |10x - smtp\n'), /`10x` is not valid here/);
  });

  it('describes the command: the program\'s role and its manual page', () => {
    const text = hoverText('relay unix - - n - - sm|tp\n');
    assert.match(text, /\*\*`smtp`:\*\* SMTP client: connects to other mail servers and delivers mail to them \(outbound: it connects to other servers\)\. \[smtp\(8\)\]\(https:\/\/www\.postfix\.org\/smtp\.8\.html\)/);
    assert.match(hoverText('q unix n - n 300 1 |nqmgr\n'), /\[qmgr\(8\)\]\(https:\/\/www\.postfix\.org\/qmgr\.8\.html\)/);
    assert.match(hoverText('x unix - n n - - |my-filter\n'), /`my-filter` is not a Postfix daemon program; master\(8\) runs `\$daemon_directory\/my-filter`/);
  });

  it('describes the service name and type fields', () => {
    assert.match(hoverText('|127.0.0.1:10025 inet n - n - - smtpd\n'), /\*\*Listens on:\*\* port `10025` of `127\.0\.0\.1`/);
    assert.match(hoverText('|submission inet n - n - - smtpd\n', 'inet_interfaces = loopback-only\n'), /port `submission` on the addresses of `inet_interfaces` \(`inet_interfaces` = `loopback-only`\)/);
    assert.match(hoverText('|showq unix n - n - - showq\n'), /\*\*Socket:\*\* `public\/showq` in the queue directory/);
    assert.match(hoverText('smtp |inet n - n - - smtpd\n'), /\*\*In effect:\*\* `inet`: a TCP socket/);
  });

  it('answers only on the eight fields', () => {
    const { text, offset } = caret('relay unix - - n - - smtp flags=|R\n');
    assert.equal(hover(featureContext({ master: text, file: 'master' }), offset), null);
  });
});
