/**
 * A message reader that hands the connection one message per turn of the event loop and stops reading its
 * stream while messages are waiting. vscode-jsonrpc reads as fast as data arrives but handles one message per
 * turn, so a client that opens thousands of documents at once filled the heap with parsed messages waiting for
 * their turn: at 5,000 accounts that queue, not the portfolio, set the server's peak memory. Paced, the
 * waiting data stays in the pipe and in the client, which has it anyway.
 */
import {
  Emitter,
  StreamMessageReader,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
} from 'vscode-languageserver/node';

/** Messages parsed but not yet handed over beyond which the stream is paused. */
const HIGH_WATER = 16;

export class PacedMessageReader implements MessageReader {
  private readonly inner: StreamMessageReader;
  private readonly waiting: Message[] = [];
  private readonly errors = new Emitter<Error>();
  private scheduled = false;
  private paused = false;

  constructor(private readonly stream: NodeJS.ReadableStream) {
    this.inner = new StreamMessageReader(stream);
    this.inner.onError((e) => this.errors.fire(e));
  }

  /** Whether parsed messages are waiting for their turn (the client is sending faster than they are handled). */
  get busy(): boolean {
    return this.waiting.length > 0;
  }

  get onError() {
    return this.errors.event;
  }
  get onClose() {
    return this.inner.onClose;
  }
  get onPartialMessage() {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      this.waiting.push(message);
      if (this.waiting.length >= HIGH_WATER && !this.paused) {
        this.paused = true;
        this.stream.pause();
      }
      this.handOver(callback);
    });
  }

  /** One message now (at the next turn), the next one at the turn after: the connection's own pace. */
  private handOver(callback: DataCallback): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const next = this.waiting.shift();
      try {
        if (next) callback(next);
      } catch (e) {
        // What the stream reader does when the connection rejects a malformed message: report it, read on.
        this.errors.fire(e instanceof Error ? e : new Error(String(e)));
      }
      if (this.waiting.length > 0) this.handOver(callback);
      if (this.paused && this.waiting.length < HIGH_WATER / 2) {
        this.paused = false;
        this.stream.resume();
      }
    });
  }

  dispose(): void {
    this.inner.dispose();
    this.errors.dispose();
  }
}
