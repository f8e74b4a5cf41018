import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { CardReply } from './reply';
import { findCardsDir } from './cards-dir';
import { compileTemplate, UnsupportedTemplate } from './compile-template';

/** Expands a card reply into Adaptive Card JSON. */
export type CardRenderer = (reply: CardReply) => object;

/**
 * Builds a renderer over a templates folder; each template is read and prepared once, then reused: compiled to a
 * function where it can be (`compile: false` keeps the library's prepared Template, for comparison).
 *
 * Preparing (the Template constructor) parses every `${…}` with ANTLR and was most of a command's CPU; expand()
 * only evaluates the parsed expressions. Reusing one Template is safe (adaptivecards-templating 2.3.1): expand()
 * is synchronous, starts from a fresh evaluation context each call, never writes to the prepared tree and
 * builds every output object anew. test/cards/prepared-templates.test.ts holds it to that.
 */
export function createCardRenderer(cardsDir: string = findCardsDir(), options: { compile?: boolean } = {}): CardRenderer {
  const prepared = new Map<string, (root: unknown) => object>();
  const template = (name: string): ((root: unknown) => object) => {
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
  return (reply) => template(reply.template)(reply.data);
}

/**
 * A template compiled to a plain function (compile-template.ts: a fifth of the library's CPU per card), or the
 * library's prepared Template where it uses an expression form the compiler does not know.
 */
function prepare(json: unknown, compile: boolean): (root: unknown) => object {
  if (compile) {
    try {
      const compiled = compileTemplate(json);
      return (root) => compiled(root) as object;
    } catch (err) {
      if (!(err instanceof UnsupportedTemplate)) throw err;
    }
  }
  const tpl = new ACData.Template(json);
  return (root) => tpl.expand({ $root: root }) as object;
}

let shared: CardRenderer | undefined;

/** Renders with the project's `cards/` templates (the renderer the composition root passes to the Teams layer). */
export function renderCard(reply: CardReply): object {
  shared ??= createCardRenderer();
  return shared(reply);
}
