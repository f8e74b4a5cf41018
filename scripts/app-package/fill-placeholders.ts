/** Any JSON value, as `JSON.parse` returns it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const TOKEN = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Replaces `{{name}}` inside every string of a parsed JSON value. Substituting into parsed strings rather
 * than raw text means a value can never break the JSON around it. Throws, naming them, when the template
 * uses a name that has no value: a forgotten setting must not ship as literal braces.
 */
export function fillPlaceholders(template: JsonValue, values: Readonly<Record<string, string>>): JsonValue {
  const unknown = new Set<string>();
  const filled = walk(template, (text) =>
    text.replace(TOKEN, (whole, name: string) => {
      const value = values[name];
      if (value === undefined) unknown.add(name);
      return value ?? whole;
    }),
  );
  if (unknown.size > 0) {
    throw new Error(`the manifest template uses placeholders with no value: ${[...unknown].map((n) => `{{${n}}}`).join(', ')}`);
  }
  return filled;
}

function walk(value: JsonValue, fill: (text: string) => string): JsonValue {
  if (typeof value === 'string') return fill(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, fill));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, fill)]));
  }
  return value;
}
