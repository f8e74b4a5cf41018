import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { CardReply } from '../commands/reply';
import { findCardsDir } from './cards-dir';

/** Expands a card reply into Adaptive Card JSON. */
export type CardRenderer = (reply: CardReply) => object;

/** Builds a renderer over a templates folder; templates are read once and kept. */
export function createCardRenderer(cardsDir: string = findCardsDir()): CardRenderer {
  const cache = new Map<string, object>();
  const load = (name: string): object => {
    // The name comes from our own code, but it also becomes a path: refuse anything that could leave the folder.
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`invalid card template name ${JSON.stringify(name)}`);
    let tpl = cache.get(name);
    if (!tpl) {
      tpl = JSON.parse(readFileSync(join(cardsDir, `${name}.json`), 'utf8')) as object;
      cache.set(name, tpl);
    }
    return tpl;
  };
  return (reply) => {
    const template = new ACData.Template(load(reply.template));
    // Data values are inserted as values, never evaluated, so `${…}` in an ARM name stays literal text.
    return template.expand({ $root: reply.data }) as object;
  };
}

let shared: CardRenderer | undefined;

/** Renders with the project's `cards/` templates (the renderer the composition root passes to the Teams layer). */
export function renderCard(reply: CardReply): object {
  shared ??= createCardRenderer();
  return shared(reply);
}
