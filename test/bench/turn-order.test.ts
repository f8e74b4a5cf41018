import type { BotProcess } from '../../bench/bot-process';
import { firstOfSet, takePairTurns } from '../../bench/pair-turns';

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

describe('takePairTurns (one schedule for the ratios bench and its control)', () => {
  it('gives each instance set a rewarm of both bots, then strictly alternating rounds, the first bot turning round per set', async () => {
    const log: string[] = [];
    const botOf = (kind: string, i: number) => ({ name: `${kind}${i}` }) as unknown as BotProcess;
    const name = (bot: BotProcess) => (bot as unknown as { name: string }).name;
    await takePairTurns(
      { pair: ['g', 'p'], rounds: 4, instances: 2 },
      botOf,
      async (bot) => log.push(`warm ${name(bot)}`),
      async (bot) => void log.push(name(bot)),
    );
    expect(log).toEqual(['warm g0', 'warm p0', 'g0', 'p0', 'g0', 'p0', 'warm p1', 'warm g1', 'p1', 'g1', 'p1', 'g1']);
  });
});
