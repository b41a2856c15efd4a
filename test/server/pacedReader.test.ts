import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { Message } from 'vscode-languageserver/node';
import { PacedMessageReader } from '../../server/src/lsp/pacedReader';

function frame(body: unknown): string {
  const json = JSON.stringify(body);
  return `Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`;
}

describe('server: paced message reader', () => {
  it('hands over every message in order, pausing its stream while many wait, and resumes', async () => {
    const stream = new PassThrough();
    const reader = new PacedMessageReader(stream);
    const got: number[] = [];
    let pausedSeen = false;
    const done = new Promise<void>((resolve) => {
      reader.listen((m: Message) => {
        got.push((m as unknown as { params: { n: number } }).params.n);
        pausedSeen ||= stream.isPaused();
        if (got.length === 500) resolve();
      });
    });
    // One burst, as a client opening hundreds of documents at once sends it.
    stream.write(
      Array.from({ length: 500 }, (_, n) =>
        frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { n, text: 'x’'.repeat(n) } }),
      ).join(''),
    );
    await done;
    assert.deepEqual(
      got,
      Array.from({ length: 500 }, (_, n) => n),
    );
    assert.ok(pausedSeen, 'the stream was paused while messages waited');
    await new Promise((r) => setImmediate(r));
    assert.equal(stream.isPaused(), false);
    reader.dispose();
  });

  it('delivers a message split across many small chunks', async () => {
    const stream = new PassThrough();
    const reader = new PacedMessageReader(stream);
    const got = new Promise<Message>((resolve) => reader.listen(resolve));
    const bytes = Buffer.from(
      frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { title: 'It’s mine 😀' } }),
      'utf8',
    );
    for (let i = 0; i < bytes.length; i += 3) stream.write(bytes.subarray(i, i + 3));
    assert.deepEqual(await got, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { title: 'It’s mine 😀' } });
    reader.dispose();
  });
});
