import { errorCard } from '../cards/error-card';
import { quoteInput } from '../cards/escape-text';
import { runButton } from '../cards/run-button';
import { closestMatches } from '../gallery/suggest';
import type { RegisteredCommand } from './command-spec';
import type { CardReply } from '../cards/reply';

/**
 * "Did you mean `versions`?" for a word no command starts with. Read-only suggestions become buttons that run
 * the suggested command with the rest of what the user typed; others are only named (they must be typed).
 */
export function unknownCommandReply(word: string, rest: readonly string[], commands: readonly RegisteredCommand[]): CardReply {
  const byName = new Map<string, RegisteredCommand>();
  for (const c of commands) for (const n of [c.name, ...c.aliases]) byName.set(n, c);
  const names = suggestNames(word, rest, [...byName.keys()]);
  const canonical = [...new Set(names.map((n) => byName.get(n)!.name))];
  const buttons = canonical
    .filter((n) => byName.get(n)!.readOnly)
    .map((n) => runButton(n, [n, ...withoutRepeatedWords(n, rest)].join(' ')));
  const guess = canonical.length ? ` Did you mean ${canonical.map((n) => `\`${n}\``).join(' or ')}?` : '';
  return errorCard({
    title: 'Unknown command',
    message: `I do not know the command ${quoteInput(word)}.${guess} Type \`help\` for the list.`,
    suggestions: buttons,
    color: 'warning',
  });
}

/**
 * Compares each name with as many typed words as it has, so `imag status` prefers `image status` to `images`.
 * Names whose word count fits are ranked by closestMatches on that many words; the order is stable.
 */
function suggestNames(word: string, rest: readonly string[], names: readonly string[]): string[] {
  const typed = [word, ...rest];
  const ranked: { name: string; rank: number }[] = [];
  for (const name of names) {
    const k = name.split(' ').length;
    const input = typed.slice(0, k).join(' ');
    const rank = closestMatches(input, [name], 1).length ? k : 0;
    if (rank) ranked.push({ name, rank });
  }
  // More matching words is stronger evidence; ties keep closestMatches' order of the first word.
  const order = closestMatches(word, names, names.length);
  return ranked
    .sort((a, b) => b.rank - a.rank || order.indexOf(a.name) - order.indexOf(b.name))
    .slice(0, 3)
    .map((r) => r.name);
}

/** `imag status x` suggests `image status`: drop the `status` the user already typed. */
function withoutRepeatedWords(name: string, rest: readonly string[]): string[] {
  const tail = name.split(' ').slice(1);
  const repeats = tail.every((w, i) => rest[i]?.toLowerCase() === w);
  const args = repeats ? rest.slice(tail.length) : [...rest];
  return args.map((a) => (a.includes(' ') ? `"${a}"` : a));
}
