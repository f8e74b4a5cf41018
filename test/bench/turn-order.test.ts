import { firstOfSet } from '../../bench/ratios';

describe('firstOfSet (the ratios bench: which bot of a pair takes the first window of an instance set)', () => {
  it('puts each bot first in half of the sets, and never the same bot twice in a row within a set', () => {
    const pair = ['galleryops', 'plain'] as const;
    const sets = [0, 1, 2, 3].map((i) => firstOfSet(pair, i));
    expect(sets.map((order) => order[0])).toEqual(['galleryops', 'plain', 'galleryops', 'plain']);
    for (const order of sets) expect(new Set(order).size).toBe(2);
  });

  it('leaves the pair it was given as it was', () => {
    const pair = ['arm', 'galleryops'];
    firstOfSet(pair, 1);
    expect(pair).toEqual(['arm', 'galleryops']);
  });
});
