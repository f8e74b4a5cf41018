import { settledThisTurn, settledWithin } from '../../src/teams/settled-within';

const later = <T>(value: T, ms: number) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('settledThisTurn: whether work finishes before the event loop turns (no timer)', () => {
  it('is settled for work that needs only promise steps', async () => {
    const work = Promise.resolve(1).then((n) => n + 1).then((n) => n * 10);
    expect(await settledThisTurn(work)).toEqual({ settled: true, ok: true, value: 20 });
  });

  it('is not settled for work waiting on a timer or I/O, which goes on', async () => {
    const work = later('done', 5);
    expect(await settledThisTurn(work)).toEqual({ settled: false });
    expect(await work).toBe('done');
  });

  it('returns a rejection within the turn instead of throwing it', async () => {
    const error = new Error('boom');
    expect(await settledThisTurn(Promise.reject(error))).toEqual({ settled: true, ok: false, error });
  });
});

describe('settledWithin', () => {
  it('waits up to the deadline', async () => {
    expect(await settledWithin(later('x', 5), 1000)).toEqual({ settled: true, ok: true, value: 'x' });
    expect(await settledWithin(later('x', 200), 10)).toEqual({ settled: false });
  });
});
