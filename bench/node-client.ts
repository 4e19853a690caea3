// Parent side of bench/node-system.ts: one child process per Node-side system, request/reply
// over the IPC channel.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { NodeLoadRequest, NodeLoadResult, NodeReply, NodeRequest, NodeRunResult } from './node-system.js';

type Body<T> = T extends unknown ? Omit<T, 'id'> : never;

export class NodeSystemProcess {
  private readonly child: ChildProcess;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private exited: Error | undefined;

  constructor() {
    // process.execArgv carries tsx's loader (pnpm bench runs under tsx).
    this.child = fork(fileURLToPath(new URL('./node-system.ts', import.meta.url)), [], {
      execArgv: process.execArgv.length > 0 ? process.execArgv : ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (reply: NodeReply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(new Error(reply.error));
    });
    this.child.on('exit', (code, signal) => {
      this.exited = new Error(`the Node benchmark process exited (${signal ?? `code ${code}`})`);
      for (const waiter of this.pending.values()) waiter.reject(this.exited);
      this.pending.clear();
    });
  }

  private request(body: Body<NodeRequest>): Promise<unknown> {
    if (this.exited) return Promise.reject(this.exited);
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...body, id } as NodeRequest);
    });
  }

  load(load: NodeLoadRequest): Promise<NodeLoadResult> {
    return this.request({ op: 'load', load }) as Promise<NodeLoadResult>;
  }
  scenario(query: string, passages: string[]): Promise<unknown> {
    return this.request({ op: 'scenario', query, passages });
  }
  run(count: number | undefined): Promise<NodeRunResult> {
    return this.request({ op: 'run', count }) as Promise<NodeRunResult>;
  }
  async close(): Promise<void> {
    if (!this.exited) await this.request({ op: 'dispose' }).catch(() => undefined);
    if (!this.exited) {
      const gone = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill();
      await gone;
    }
  }
}
