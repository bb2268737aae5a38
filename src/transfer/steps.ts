/**
 * A stream of bytes gathered into steps of a fixed size before it goes on to work done
 * elsewhere (the gzip check's inflating, on libuv's thread pool: src/transfer/gzip.ts).
 * A download's body comes in socket reads of 64 KiB; handed on one by one, each is a trip
 * to the thread pool that the main thread must start and end, and the pool idles whenever
 * the main thread is busy with the socket or the file. In steps of 1 MiB the trips are 16
 * times fewer and the work runs beside the copy (the bench: a 1 GiB snapshot download,
 * `npm run bench`, section "snapshot").
 */

/** Bytes of a step (1 MiB). */
export const STEP_BYTES = 1 << 20;
/**
 * Steps out at a time before the writer should wait: one being worked on, one waiting for
 * it (with the one being filled, 3 MiB, reused). More did not make the 1 GiB snapshot
 * download faster, and raised its peak RSS.
 */
export const STEPS_OUT = 2;

/**
 * Bytes copied into steps (the chunks pushed are let go at once), each full step handed
 * to `sink`, its buffer filled again once the sink is done with it.
 */
export class Steps {
  private step: Buffer | undefined;
  private filled = 0;
  private readonly spare: Buffer[] = [];
  private out = 0;
  private failure: { why: unknown } | undefined;
  private wake: (() => void) | undefined;

  /**
   * @param sink takes a step (a Buffer of `stepBytes`, shorter only for the last); resolves
   *   when done with its bytes, rejects to fail the whole
   * @param stepBytes bytes of a step
   * @param most steps out at a time before `push` says to wait
   */
  constructor(
    private readonly sink: (step: Buffer) => Promise<void>,
    private readonly stepBytes = STEP_BYTES,
    private readonly most = STEPS_OUT,
  ) {}

  /**
   * Takes bytes (copied in), handing on each step it fills.
   * @returns false when `most` steps are out: wait for `drained()` before pushing more
   * @throws what the sink failed with
   */
  push(chunk: Buffer): boolean {
    this.rethrow();
    for (let i = 0; i < chunk.length;) {
      this.step ??= this.spare.pop() ?? Buffer.allocUnsafeSlow(this.stepBytes);
      const n = chunk.copy(this.step, this.filled, i);
      i += n;
      this.filled += n;
      if (this.filled === this.stepBytes) this.handOn();
    }
    return this.out < this.most;
  }

  /** Resolves when fewer than `most` steps are out; rejects with what the sink failed with. */
  drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        this.wake = undefined;
        if (this.failure) reject(this.failure.why);
        else if (this.out < this.most) resolve();
        else this.wake = check;
      };
      check();
    });
  }

  /** Hands on the step filled so far and resolves when the sink is done with every step; rejects with what it failed with. */
  async end(): Promise<void> {
    this.rethrow();
    if (this.filled > 0) this.handOn();
    while (this.out > 0 && !this.failure) await new Promise<void>((resolve) => (this.wake = resolve));
    this.rethrow();
  }

  private rethrow(): void {
    if (this.failure) throw this.failure.why;
  }

  private handOn(): void {
    const buffer = this.step!;
    const step = this.filled === buffer.length ? buffer : buffer.subarray(0, this.filled);
    this.step = undefined;
    this.filled = 0;
    this.out++;
    this.sink(step).then(
      () => {
        this.spare.push(buffer);
        this.settle();
      },
      (why: unknown) => {
        this.failure ??= { why };
        this.settle();
      },
    );
  }

  private settle(): void {
    this.out--;
    this.wake?.();
  }
}
