import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { findCardsDir } from '../../../src/cards/cards-dir';
import type { CardReply } from '../../../src/cards/reply';

/**
 * The renderer as it was before templates were prepared once: a new Template (every `${…}` parsed) per
 * render. The reference the prepared renderer must match, and the "before" of `npm run bench:cards`.
 */
export function renderFresh(reply: CardReply, cardsDir: string = findCardsDir()): object {
  const json = JSON.parse(readFileSync(join(cardsDir, `${reply.template}.json`), 'utf8')) as object;
  return new ACData.Template(json).expand({ $root: reply.data }) as object;
}
