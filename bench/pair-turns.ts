/**
 * How a pair of bots takes turns in the ratios bench (ratios.ts) and in its control (tail-control.ts), one
 * schedule for both so the control measures exactly what goal 3's verdict does.
 */
import type { BotProcess } from './bot-process';

/**
 * The pair in the order its instance set `i` takes turns: as listed for even sets, turned round for odd ones, so
 * each bot goes first in half the sets. Within a set the order holds (never one bot twice in a row); between sets
 * the unmeasured rewarm windows stand in between.
 */
export function firstOfSet<T>(pair: readonly T[], i: number): readonly T[] {
  return i % 2 ? [...pair].reverse() : pair;
}

/** A pair's turns: which bots, how many measured rounds, over how many processes of each. */
export interface PairTurns<K> {
  pair: readonly K[];
  rounds: number;
  instances: number;
}

/**
 * Runs one pair's turns: instance set after instance set (process i of each bot), each set first given an
 * unmeasured window of each bot (`rewarm`: the sets not running sat idle), then `rounds / instances` rounds in
 * which the two strictly alternate, one measured window each (`measure`).
 */
export async function takePairTurns<K>(
  turns: PairTurns<K>,
  botOf: (kind: K, instance: number) => BotProcess,
  rewarm: (bot: BotProcess) => Promise<unknown>,
  measure: (bot: BotProcess, kind: K) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < turns.instances; i++) {
    const order = firstOfSet(turns.pair, i);
    for (const kind of order) await rewarm(botOf(kind, i));
    for (let round = 0; round < turns.rounds / turns.instances; round++) {
      for (const kind of order) await measure(botOf(kind, i), kind);
    }
  }
}
