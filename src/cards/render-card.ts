import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { CardReply } from './reply';
import { findCardsDir } from './cards-dir';

/** Expands a card reply into Adaptive Card JSON. */
export type CardRenderer = (reply: CardReply) => object;

/**
 * Builds a renderer over a templates folder; each template is read and prepared once, then reused.
 *
 * Preparing (the Template constructor) parses every `${…}` with ANTLR and was most of a command's CPU; expand()
 * only evaluates the parsed expressions. Reusing one Template is safe (adaptivecards-templating 2.3.1): expand()
 * is synchronous, starts from a fresh evaluation context each call, never writes to the prepared tree and
 * builds every output object anew. test/cards/prepared-templates.test.ts holds it to that.
 */
export function createCardRenderer(cardsDir: string = findCardsDir()): CardRenderer {
  const prepared = new Map<string, ACData.Template>();
  const template = (name: string): ACData.Template => {
    // The name comes from our own code, but it also becomes a path: refuse anything that could leave the folder.
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`invalid card template name ${JSON.stringify(name)}`);
    let tpl = prepared.get(name);
    if (!tpl) {
      tpl = new ACData.Template(JSON.parse(readFileSync(join(cardsDir, `${name}.json`), 'utf8')));
      prepared.set(name, tpl);
    }
    return tpl;
  };
  // Data values are inserted as values, never evaluated, so `${…}` in an ARM name stays literal text.
  return (reply) => template(reply.template).expand({ $root: reply.data }) as object;
}

let shared: CardRenderer | undefined;

/** Renders with the project's `cards/` templates (the renderer the composition root passes to the Teams layer). */
export function renderCard(reply: CardReply): object {
  shared ??= createCardRenderer();
  return shared(reply);
}
