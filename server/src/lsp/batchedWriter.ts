/**
 * The server's side of stdout, for vscode-jsonrpc's WriteableStreamMessageWriter. The library writes every
 * message as two writes (header, then body) and waits for each to be flushed before the next. Here writes are
 * taken at once and handed to the stream once per turn of the event loop, in order, as one buffer. A failed
 * write is reported as the stream reports it, through its 'error' event (which the connection listens to).
 */
import type { Disposable, RAL } from 'vscode-languageserver/node';

export class BatchedWriter implements RAL.WritableStream {
  private chunks: Buffer[] = [];
  private scheduled = false;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  onClose(listener: () => void): Disposable {
    return this.on('close', listener);
  }

  onError(listener: (error: unknown) => void): Disposable {
    return this.on('error', listener);
  }

  onEnd(listener: () => void): Disposable {
    return this.on('end', listener);
  }

  write(data: Uint8Array | string, encoding?: RAL.MessageBufferEncoding): Promise<void> {
    this.chunks.push(typeof data === 'string' ? Buffer.from(data, encoding ?? 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return Promise.resolve();
  }

  end(): void {
    this.flush();
    this.stream.end();
  }

  private flush(): void {
    this.scheduled = false;
    if (this.chunks.length === 0) return;
    const data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = [];
    this.stream.write(data);
  }

  private on(event: string, listener: (...args: any[]) => void): Disposable {
    this.stream.on(event, listener);
    return { dispose: () => this.stream.off(event, listener) };
  }
}
