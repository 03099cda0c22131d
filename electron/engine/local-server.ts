// One local server of a kind at a time (the broker, the proxy): a second start is refused while
// one runs or starts, and a busy port is said in words.
export interface Closable {
  host: string;
  port: number;
  close(): Promise<void>;
}

export class LocalServerSlot<T extends { running: Closable }> {
  private current: T | undefined;
  private starting = false;

  constructor(private readonly name: string) {}

  get value(): T | undefined {
    return this.current;
  }

  async start(host: string | undefined, port: number | undefined, open: () => Promise<T>): Promise<T> {
    if (this.current) throw new Error(`${this.name} is already running on ${this.current.running.host}:${this.current.running.port}; stop it first`);
    if (this.starting) throw new Error(`${this.name} is starting; wait for it`);
    this.starting = true;
    try {
      this.current = await open();
      return this.current;
    } catch (error) {
      // The code stays: the command line says which of its flags to change.
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw Object.assign(new Error(`Port ${port} on ${host ?? '127.0.0.1'} is already in use; choose another port`), { code: 'EADDRINUSE' });
      throw error;
    } finally {
      this.starting = false;
    }
  }

  /** Stops it; false when none was running. */
  async stop(): Promise<boolean> {
    const stopping = this.current;
    if (!stopping) return false;
    this.current = undefined;
    await stopping.running.close();
    return true;
  }
}
