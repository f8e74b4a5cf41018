/**
 * Validates Adaptive Cards the way a Teams client would parse them, without a DOM: the `adaptivecards` UMD
 * bundle (its ESM build cannot be required under Node) reports schema problems from `parse` and
 * `validateProperties`. On top, the checks Teams imposes that the library does not: version 1.5, under
 * 80 KB, every Action.Execute has a verb, and no unexpanded `${…}` template expression left behind.
 */

interface ValidationEvent {
  message: string;
}
interface SerializationContext {
  eventCount: number;
  getEventAt(i: number): ValidationEvent;
}
interface AdaptiveCardsUmd {
  AdaptiveCard: new () => { parse(json: unknown, ctx: SerializationContext): void; validateProperties(): { validationEvents: ValidationEvent[] } };
  SerializationContext: new () => SerializationContext;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsUmd;

/** Teams refuses bot messages over 100 KB; the project's budget for one card. */
export const MAX_CARD_BYTES = 80 * 1024;

/** Every problem found in a rendered card; empty when the card is valid. */
export function cardProblems(card: object): string[] {
  const problems: string[] = [];
  const ctx = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, ctx);
  for (let i = 0; i < ctx.eventCount; i++) problems.push(`parse: ${ctx.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);
  const json = JSON.stringify(card);
  const c = card as { type?: unknown; version?: unknown };
  if (c.type !== 'AdaptiveCard') problems.push('type is not AdaptiveCard');
  if (c.version !== '1.5') problems.push(`version is ${String(c.version)}, not 1.5`);
  const bytes = Buffer.byteLength(json);
  if (bytes >= MAX_CARD_BYTES) problems.push(`card is ${bytes} bytes, over ${MAX_CARD_BYTES}`);
  if (json.includes('${')) problems.push('unexpanded template expression ${…} left in the card');
  for (const a of allActions(card)) {
    if (a.type === 'Action.Execute' && (typeof a.verb !== 'string' || a.verb === '')) problems.push(`Action.Execute "${String(a.title)}" has no verb`);
  }
  return problems;
}

/** Throws with the list of problems, so a failing test says exactly what is wrong. */
export function expectValidCard(card: object): void {
  const problems = cardProblems(card);
  if (problems.length) throw new Error(`invalid Adaptive Card:\n- ${problems.join('\n- ')}`);
}

/** Every action anywhere in the card (actions, ActionSets, selectActions, fallbacks, ShowCard cards). */
export function allActions(card: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(o);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

/** The buttons a user can press that run a command: title and command text, in card order. */
export function runButtons(card: unknown): { title: string; command: string; verb: string }[] {
  return allActions(card)
    .filter((a) => a.type === 'Action.Execute')
    .map((a) => ({
      title: typeof a.title === 'string' ? a.title : '',
      verb: String(a.verb),
      command: String((a.data as { command?: unknown } | undefined)?.command),
    }));
}

/** All text a user reads on the card (TextBlocks and facts), one line each, in order. */
export function cardText(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (typeof o.title === 'string' && typeof o.value === 'string') out.push(`${o.title}: ${o.value}`);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}
