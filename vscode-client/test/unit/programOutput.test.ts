import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Channel, ProgramOutput } from '../../src/programOutput';

class RecordingChannel implements Channel {
  text = '';
  shown: (boolean | undefined)[] = [];
  append(t: string) { this.text += t; }
  appendLine(t: string) { this.text += t + '\n'; }
  show(preserveFocus?: boolean) { this.shown.push(preserveFocus); }
}

const run = (runId: string) => ({ runId, target: 'example.com/hello', binary: '/b', isolation: 'local' as const, pid: 7, startedAt: '' });

test('output goes to the channel as it came, framed by a start and an end line', () => {
  const c = new RecordingChannel();
  const out = new ProgramOutput(c);
  out.started(run('1'));
  out.output({ runId: '1', target: 'example.com/hello', stream: 'stdout', text: 'hello\nwor' });
  out.output({ runId: '1', target: 'example.com/hello', stream: 'stderr', text: 'ld' });
  out.ended({ runId: '1', target: 'example.com/hello', exitCode: 0, signal: null, reason: 'exited', wallMs: 1500,
    cpuMs: 3, peakRssKiB: 2048, truncatedBytes: 0 });
  assert.equal(c.text, '▶ example.com/hello (pid 7, local)\nhello\nworld\n■ example.com/hello exited with code 0 after 1.5 s, peak 2.0 MiB\n');
});

test('revealed on the first run only, without taking the focus', () => {
  const c = new RecordingChannel();
  const out = new ProgramOutput(c);
  out.started(run('1'));
  out.started(run('2'));
  assert.deepEqual(c.shown, [true]);
  out.show();
  assert.deepEqual(c.shown, [true, false]);
});

test('dropped bytes are said before the text that follows them', () => {
  const c = new RecordingChannel();
  const out = new ProgramOutput(c);
  out.output({ runId: '1', target: 't', stream: 'stdout', text: 'tail\n', droppedBytes: 4096 });
  assert.equal(c.text, '… 4096 bytes dropped …\ntail\n');
});
