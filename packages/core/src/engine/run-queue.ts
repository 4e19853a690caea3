/**
 * Runs tasks one after another. onnxruntime rejects a second `run` on a session while one is in
 * flight, so every call goes through here. A failed task does not poison the queue (a bare
 * `chain = chain.then(task)` would reject every later task after the first failure).
 */
export class RunQueue {
  private tail: Promise<unknown> = Promise.resolve();

  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
