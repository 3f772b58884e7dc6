import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GOPLS_VERSION, goCommand, goplsCandidates, installCommand, locateGopls } from '../../src/gopls';

test('the setting alone when set; else GOBIN, GOPATH/bin, ~/go/bin, PATH, then the extension storage', () => {
  assert.deepEqual(goplsCandidates('/opt/gopls', { GOBIN: '/gobin' }, '/store/bin', '/home/u'), ['/opt/gopls']);
  assert.deepEqual(goplsCandidates('', { GOBIN: '/gobin', GOPATH: '/gp1:/gp2', PATH: '/usr/bin:/gobin' }, '/store/bin', '/home/u'),
    ['/gobin/gopls', '/gp1/bin/gopls', '/gp2/bin/gopls', '/home/u/go/bin/gopls', '/usr/bin/gopls', '/store/bin/gopls']);
});

test('the first executable candidate is used; none found keeps what was tried', () => {
  assert.deepEqual(locateGopls(['/a/gopls', '/b/gopls'], (p) => p === '/b/gopls'), { found: '/b/gopls', tried: ['/a/gopls', '/b/gopls'] });
  assert.deepEqual(locateGopls(['/a/gopls'], () => false), { tried: ['/a/gopls'] });
});

test('the install is go install of the pinned gopls into the storage, with the local toolchain', () => {
  const c = installCommand('/usr/local/go/bin/go', '/store/bin', { HOME: '/home/u', GOTOOLCHAIN: 'auto' });
  assert.equal(c.command, '/usr/local/go/bin/go');
  assert.deepEqual(c.args, ['install', `golang.org/x/tools/gopls@${GOPLS_VERSION}`]);
  assert.equal(GOPLS_VERSION, 'v0.23.0');
  assert.equal(c.env.GOBIN, '/store/bin');
  assert.equal(c.env.GOTOOLCHAIN, 'local');
  assert.equal(c.env.HOME, '/home/u');
});

test('go: PATH first, then the usual install directory', () => {
  assert.equal(goCommand({ PATH: '/x:/y' }, (p) => p === '/y/go' || p === '/usr/local/go/bin/go'), '/y/go');
  assert.equal(goCommand({ PATH: '/x' }, (p) => p === '/usr/local/go/bin/go'), '/usr/local/go/bin/go');
  assert.equal(goCommand({ PATH: '/x' }, () => false), undefined);
});
