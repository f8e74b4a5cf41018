/**
 * What a person reads on an Adaptive Card, one line per text block, fact and button, in card order: how
 * `npm run as` prints the bot's answer in a terminal.
 */
export function cardLines(card: unknown): string[] {
  const lines: string[] = [];
  visit(card, lines);
  return lines;
}

function visit(node: unknown, lines: string[]): void {
  if (Array.isArray(node)) {
    for (const n of node) visit(n, lines);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  switch (n.type) {
    case 'TextBlock':
      if (typeof n.text === 'string' && n.text.trim()) lines.push(n.text.trim());
      return;
    case 'RichTextBlock': {
      const text = (Array.isArray(n.inlines) ? n.inlines : []).map((i) => (typeof i === 'string' ? i : String((i as { text?: unknown }).text ?? ''))).join('');
      if (text.trim()) lines.push(text.trim());
      return;
    }
    case 'FactSet':
      for (const f of Array.isArray(n.facts) ? (n.facts as Array<{ title?: unknown; value?: unknown }>) : []) lines.push(`${String(f.title ?? '')}: ${String(f.value ?? '')}`);
      return;
    default:
      if (typeof n.type === 'string' && n.type.startsWith('Action.')) {
        if (typeof n.title === 'string') lines.push(`[${n.title}]`);
        return;
      }
  }
  // Containers: AdaptiveCard, Container, ColumnSet, Column, ActionSet, Table rows and cells.
  for (const key of ['body', 'items', 'columns', 'rows', 'cells', 'actions']) visit(n[key], lines);
}
