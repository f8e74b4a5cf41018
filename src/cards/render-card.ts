import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { CardReply } from './reply';
import { findCardsDir } from './cards-dir';
import { compileTemplate, UnsupportedTemplate } from './compile-template';
import { jsonBytesBound } from './json-size';

/** A rendered card and an upper bound on the UTF-8 bytes of its JSON (never below the exact size). */
export interface SizedCard {
  card: object;
  jsonBytesBound: number;
}

/**
 * Expands a card reply into Adaptive Card JSON. `sized` also gives the bound the Teams layer checks against the
 * message limit, added up while the card is built (optional: a test's renderer may be a bare function).
 */
export interface CardRenderer {
  (reply: CardReply): object;
  sized?(reply: CardReply): SizedCard;
}

/** The renderer over the templates folder, which always gives the bound. */
export interface SizingCardRenderer extends CardRenderer {
  sized(reply: CardReply): SizedCard;
}

type PreparedTemplate = (root: unknown) => SizedCard;

/**
 * Builds a renderer over a templates folder; each template is read and prepared once, then reused: compiled to a
 * function where it can be (`compile: false` keeps the library's prepared Template, for comparison).
 *
 * Preparing (the Template constructor) parses every `${…}` with ANTLR and was most of a command's CPU; expand()
 * only evaluates the parsed expressions. Reusing one Template is safe (adaptivecards-templating 2.3.1): expand()
 * is synchronous, starts from a fresh evaluation context each call, never writes to the prepared tree and
 * builds every output object anew. test/cards/prepared-templates.test.ts holds it to that.
 */
export function createCardRenderer(cardsDir: string = findCardsDir(), options: { compile?: boolean } = {}): SizingCardRenderer {
  const prepared = new Map<string, PreparedTemplate>();
  const template = (name: string): PreparedTemplate => {
    // The name comes from our own code, but it also becomes a path: refuse anything that could leave the folder.
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`invalid card template name ${JSON.stringify(name)}`);
    let expand = prepared.get(name);
    if (!expand) {
      expand = prepare(JSON.parse(readFileSync(join(cardsDir, `${name}.json`), 'utf8')) as unknown, options.compile ?? true);
      prepared.set(name, expand);
    }
    return expand;
  };
  // Data values are inserted as values, never evaluated, so `${…}` in an ARM name stays literal text.
  const sized = (reply: CardReply): SizedCard => template(reply.template)(reply.data);
  return Object.assign((reply: CardReply) => sized(reply).card, { sized });
}

/**
 * A template compiled to a plain function (compile-template.ts: a fifth of the library's CPU per card), or the
 * library's prepared Template where it uses an expression form the compiler does not know.
 */
function prepare(json: unknown, compile: boolean): PreparedTemplate {
  if (compile) {
    try {
      const compiled = compileTemplate(json);
      return (root) => {
        const tally = { bytes: 0 };
        const card = compiled(root, tally) as object;
        return { card, jsonBytesBound: tally.bytes };
      };
    } catch (err) {
      if (!(err instanceof UnsupportedTemplate)) throw err;
    }
  }
  const tpl = new ACData.Template(json);
  return (root) => {
    const card = tpl.expand({ $root: root }) as object;
    return { card, jsonBytesBound: jsonBytesBound(card) };
  };
}

let shared: SizingCardRenderer | undefined;

/** The project's `cards/` templates' renderer, made on first use. */
function sharedRenderer(): SizingCardRenderer {
  shared ??= createCardRenderer();
  return shared;
}

/** Renders with the project's `cards/` templates (the renderer the composition root passes to the Teams layer). */
export const renderCard: SizingCardRenderer = Object.assign((reply: CardReply) => sharedRenderer()(reply), {
  sized: (reply: CardReply) => sharedRenderer().sized(reply),
});
