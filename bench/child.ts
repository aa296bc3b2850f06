/**
 * @file A benchmark process driven over IPC, one request at a time: how `run.ts` and `optim.ts` give every
 * contender its own Node process (BENCH.md) while the coordinator still interleaves their timed runs.
 */
import { fork, type ChildProcess } from 'node:child_process';

/** The coordinator's handle on one child. */
export class Child {
  #proc: ChildProcess;
  #pending: { resolve: (m: any) => void; reject: (e: Error) => void } | null = null;

  private constructor(proc: ChildProcess, label: string) {
    this.#proc = proc;
    proc.on('message', (m) => {
      const p = this.#pending;
      this.#pending = null;
      p?.resolve(m);
    });
    proc.on('exit', (code) => {
      const p = this.#pending;
      this.#pending = null;
      p?.reject(new Error(`the ${label} process exited (code ${code})`));
    });
  }

  /**
   * Starts `script` with this process's arguments plus `args` and waits for its first message, `{ ready: true, … }`
   * (returned), or `{ ready: false, error }` (thrown).
   */
  static async start(
    script: string,
    args: string[],
    label: string,
  ): Promise<{ child: Child; hello: Record<string, unknown> }> {
    const child = new Child(
      fork(script, [...process.argv.slice(2), ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
      label,
    );
    const hello = await child.#next();
    if (!hello.ready) {
      child.close();
      throw new Error(String(hello.error));
    }
    return { child, hello };
  }

  #next(): Promise<any> {
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
    });
  }

  /** Sends one request and waits for its reply. */
  call<T>(req: unknown): Promise<T> {
    const reply = this.#next();
    this.#proc.send(req as object);
    return reply;
  }

  close(): void {
    if (this.#proc.connected) this.#proc.disconnect();
  }

  /** Ends a child that stopped answering (a hung GPU device). */
  kill(): void {
    this.#proc.kill('SIGKILL');
  }
}

/**
 * The child's side: after `init` resolves, says it is ready (with what `init` returned) and answers each
 * request with `handle`'s result (awaited) until the coordinator disconnects. A failing `init` is reported, not thrown.
 */
export async function serve<S>(init: () => Promise<S & object>, handle: (req: any) => unknown): Promise<void> {
  const send = (m: unknown): void => {
    process.send!(m);
  };
  // registered first: a child whose init failed must exit too (a GPU peer's native device keeps it alive)
  process.on('disconnect', () => process.exit(0));
  let info: S & object;
  try {
    info = await init();
  } catch (e) {
    send({ ready: false, error: (e as Error).message });
    return;
  }
  // a handler may answer with a promise (the GPU benchmark's, which awaits its reads): send what it resolves to
  process.on('message', async (req) => send(await handle(req)));
  send({ ready: true, ...info });
}
