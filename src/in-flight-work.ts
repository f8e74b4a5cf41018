/**
 * Work a stopping process should let finish: turns being answered, late answers on their way to a progress card.
 * Each piece is tracked from start to settling, with what is needed to tell its user if it cannot finish.
 */
export class InFlightWork<Info = undefined> {
  private readonly running = new Map<Promise<unknown>, Info>();

  /** Tracks `work` until it settles (fulfilled or rejected); returns it unchanged. */
  track<T>(work: Promise<T>, info: Info): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.running.set(settled, info);
    void settled.then(() => this.running.delete(settled));
    return work;
  }

  get count(): number {
    return this.running.size;
  }

  /** What is still running. */
  unfinished(): Info[] {
    return [...this.running.values()];
  }

  /**
   * Resolves true once nothing is running, false at `deadline` (epoch ms) if something still is. Work tracked
   * while waiting is waited for too (a turn ending can start a late answer).
   */
  async settled(deadline: number): Promise<boolean> {
    while (this.running.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, left)));
      await Promise.race([Promise.all(this.running.keys()), timeout]);
      clearTimeout(timer);
    }
    return true;
  }
}
