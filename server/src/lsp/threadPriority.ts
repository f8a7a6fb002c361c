// Worker threads of the language server (analysis, review snapshots) run at a lower scheduling
// priority than the main thread, so that on a busy machine the thread answering hover and
// completion gets the CPU first. Linux keeps a nice value per thread: a worker finds its own
// thread id in /proc/thread-self and lowers only itself. Elsewhere this does nothing.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Nice value of worker threads (0 is normal, 19 the lowest priority). */
const WORKER_NICE = 10;

/** Lowers the calling worker thread's priority; never throws. */
export function lowerThreadPriority(): void {
  try {
    if (process.platform !== 'linux') return;
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) setPriority(tid, WORKER_NICE);
  } catch {
    // No /proc or no permission: the worker runs at normal priority, which is still correct.
  }
}
