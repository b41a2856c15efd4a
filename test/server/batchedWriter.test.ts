/**
 * The server's stdout writer: messages go out whole, in order, several per write to the stream, and through
 * vscode-jsonrpc's own message writer a client reads back exactly what was sent.
 */
import * as assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { StreamMessageReader, WriteableStreamMessageWriter, type Message } from 'vscode-languageserver/node';
import { BatchedWriter } from '../../server/src/lsp/batchedWriter';

const tick = () => new Promise((r) => setImmediate(r));

describe('server: batched stdout writer', () => {
  it('hands a turn’s writes to the stream as one, in order', async () => {
    const writes: Buffer[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { writes.push(chunk); done(); } });
    const w = new BatchedWriter(sink);
    await w.write('Content-Length: 2\r\n\r\n', 'ascii');
    await w.write(new TextEncoder().encode('{}'));
    await w.write('é', 'utf-8');
    assert.equal(writes.length, 0, 'nothing written before the turn ends');
    await tick();
    assert.equal(writes.length, 1);
    assert.equal(writes[0].toString('utf8'), 'Content-Length: 2\r\n\r\n{}é');
    await w.write('next');
    w.end();
    assert.equal(Buffer.concat(writes).toString('utf8'), 'Content-Length: 2\r\n\r\n{}énext', 'end writes what is left');
  });

  it('carries a thousand messages to a reader intact and in order', async () => {
    const pipe = new PassThrough();
    const writer = new WriteableStreamMessageWriter(new BatchedWriter(pipe));
    const reader = new StreamMessageReader(pipe);
    const got: Message[] = [];
    const all = new Promise<void>((resolve) => reader.listen((m) => { got.push(m); if (got.length === 1000) resolve(); }));
    for (let i = 0; i < 1000; i++) void writer.write({ jsonrpc: '2.0', id: i, result: { text: `’${'x'.repeat(i % 50)}` } } as Message);
    await all;
    got.forEach((m, i) => assert.deepEqual(m, { jsonrpc: '2.0', id: i, result: { text: `’${'x'.repeat(i % 50)}` } }));
  });

  it('reports a failing stream through its error listeners', async () => {
    const sink = new Writable({ write(_chunk, _enc, done) { done(new Error('pipe closed')); } });
    const w = new BatchedWriter(sink);
    const errors: unknown[] = [];
    w.onError((e) => errors.push(e));
    await w.write('x', 'ascii');
    await tick();
    await tick();
    assert.equal((errors[0] as Error)?.message, 'pipe closed');
  });
});
