// Reading a trace file while others may close it: each read holds the file open until it is
// done, and closing waits for the reads under way. A read asked for after the close is refused
// in words (the session has moved on: ask again).
import { close, read } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { ReadAt } from './read-entries';

export class TraceReader {
  private users = 0;
  private closing: Promise<void> | undefined;
  private lastUserDone: (() => void) | undefined;

  constructor(
    private readonly readAt: ReadAt,
    private readonly closeFile: () => Promise<void>,
    /** Runs before each read (a recorder writes out what waits). */
    private readonly beforeRead: () => Promise<void> = async () => {},
  ) {}

  static ofFd(fd: number, beforeRead?: () => Promise<void>): TraceReader {
    const readOnce = (buffer: Uint8Array, offset: number, length: number, position: number) =>
      new Promise<number>((resolve, reject) => read(fd, buffer, offset, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));
    return new TraceReader(whole(readOnce), () => new Promise((resolve) => close(fd, () => resolve())), beforeRead);
  }

  static ofHandle(handle: FileHandle): TraceReader {
    return new TraceReader(whole(async (buffer, offset, length, position) => (await handle.read(buffer, offset, length, position)).bytesRead), () => handle.close());
  }

  async use<T>(work: (readAt: ReadAt) => Promise<T>): Promise<T> {
    if (this.closing) throw new Error('This session’s file has been closed; ask again');
    this.users++;
    try {
      await this.beforeRead();
      return await work(this.readAt);
    } finally {
      if (--this.users === 0) this.lastUserDone?.();
    }
  }

  /** Closes the file once the reads under way are done. */
  close(): Promise<void> {
    this.closing ??= (this.users === 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.lastUserDone = resolve))).then(this.closeFile);
    return this.closing;
  }
}

/** A read may return less than asked; what is asked for is always in the file. */
function whole(readOnce: (buffer: Uint8Array, offset: number, length: number, position: number) => Promise<number>): ReadAt {
  return async (buffer, offset, length, position) => {
    for (let done = 0; done < length; ) {
      const bytesRead = await readOnce(buffer, offset + done, length - done, position + done);
      if (bytesRead === 0) throw new Error(`The trace file ends before byte ${position + length}`);
      done += bytesRead;
    }
  };
}
