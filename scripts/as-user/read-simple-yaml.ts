/**
 * A reader for the YAML the Agents Playground's configuration uses: block mappings, block sequences (also
 * "compact", at the parent key's indent), plain and quoted one-line scalars, comments. Every scalar is a
 * string. Anything else (flow `[…]`/`{…}`, anchors, tags, `|`/`>` blocks, multi-line scalars, several
 * documents) is refused with its line number rather than misread: a wrong user id would act as someone else.
 */

/** What the reader returns: nested mappings, sequences and string scalars (`null` for an empty value). */
export type YamlValue = string | null | YamlValue[] | { [key: string]: YamlValue };

/** The file is valid YAML the reader does not handle, or not YAML; the message names the line. */
export class SimpleYamlError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'SimpleYamlError';
  }
}

interface Line {
  no: number;
  indent: number;
  text: string;
}

export function readSimpleYaml(source: string): YamlValue {
  const lines = toLines(source);
  if (lines.length === 0) return null;
  const reader = new BlockReader(lines);
  const value = reader.block(lines[0]!.indent);
  const rest = reader.peek();
  if (rest) throw new SimpleYamlError('unexpected indentation', rest.no);
  return value;
}

function toLines(source: string): Line[] {
  const out: Line[] = [];
  const raw = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  raw.forEach((text, i) => {
    const no = i + 1;
    const body = text.replace(/\s+$/, '');
    const content = body.trimStart();
    if (content === '' || content.startsWith('#')) return;
    const lead = body.slice(0, body.length - content.length);
    if (lead.includes('\t')) throw new SimpleYamlError('tabs cannot indent YAML', no);
    if (content === '---' && lead === '') {
      if (out.length > 0) throw new SimpleYamlError('only one YAML document is supported', no);
      return;
    }
    if (content === '...' && lead === '') throw new SimpleYamlError('document end markers are not supported', no);
    out.push({ no, indent: lead.length, text: content });
  });
  return out;
}

const isItem = (text: string) => text === '-' || text.startsWith('- ');

class BlockReader {
  private at = 0;
  constructor(private readonly lines: Line[]) {}

  peek(): Line | undefined {
    return this.lines[this.at];
  }

  block(indent: number): YamlValue {
    const first = this.peek()!;
    return isItem(first.text) ? this.sequence(indent) : this.mapping(indent);
  }

  private mapping(indent: number): YamlValue {
    const map: { [key: string]: YamlValue } = {};
    for (let line = this.peek(); line && line.indent === indent && !isItem(line.text); line = this.peek()) {
      this.at++;
      const { key, rest } = splitKey(line);
      if (Object.hasOwn(map, key)) throw new SimpleYamlError(`duplicate key "${key}"`, line.no);
      map[key] = rest === '' ? this.nested(indent, true) : scalar(rest, line.no);
    }
    return map;
  }

  private sequence(indent: number): YamlValue {
    const list: YamlValue[] = [];
    for (let line = this.peek(); line && line.indent === indent && isItem(line.text); line = this.peek()) {
      const after = line.text.slice(1);
      const content = after.trimStart();
      if (content === '') {
        this.at++;
        list.push(this.nested(indent, false));
      } else if (isItem(content) || looksLikeKey(content)) {
        // `- key: value` (or `- - x`): the item's content starts on the dash line, indented past the dash.
        this.lines[this.at] = { no: line.no, indent: indent + 1 + (after.length - content.length), text: content };
        list.push(this.block(this.lines[this.at]!.indent));
      } else {
        this.at++;
        list.push(scalar(content, line.no));
      }
    }
    return list;
  }

  /** The value of `key:` or `-` with nothing after it: a deeper block, a compact sequence, or null. */
  private nested(indent: number, compactSequenceAllowed: boolean): YamlValue {
    const next = this.peek();
    if (next && next.indent > indent) return this.block(next.indent);
    if (next && compactSequenceAllowed && next.indent === indent && isItem(next.text)) return this.sequence(indent);
    return null;
  }
}

function looksLikeKey(text: string): boolean {
  return keySplit(text) !== undefined;
}

function splitKey(line: Line): { key: string; rest: string } {
  const split = keySplit(line.text);
  if (!split) throw new SimpleYamlError(`expected "key: value", found "${line.text.slice(0, 40)}" (multi-line values are not supported)`, line.no);
  return split;
}

/** `key: rest`, `"quoted key": rest` or `key:`; undefined when the line is not a mapping entry. */
function keySplit(text: string): { key: string; rest: string } | undefined {
  if (text.startsWith('? ')) return undefined;
  if (text.startsWith('"') || text.startsWith("'")) {
    const quoted = readQuoted(text, 0);
    if (!quoted) return undefined;
    const after = text.slice(quoted.end);
    const m = /^\s*:(\s+|$)/.exec(after);
    return m ? { key: quoted.value, rest: after.slice(m[0].length) } : undefined;
  }
  const m = /^([^#]*?):(\s+|$)/.exec(text);
  if (!m || m[1]!.trim() === '') return undefined;
  return { key: m[1]!.trim(), rest: text.slice(m[0].length) };
}

function scalar(text: string, no: number): string {
  if (text.startsWith('"') || text.startsWith("'")) {
    const quoted = readQuoted(text, 0);
    if (!quoted) throw new SimpleYamlError('unterminated quoted string (multi-line strings are not supported)', no);
    const after = text.slice(quoted.end).trim();
    if (after !== '' && !after.startsWith('#')) throw new SimpleYamlError(`unexpected "${after}" after a quoted string`, no);
    return quoted.value;
  }
  if (/^[[{&*!|>%@`]/.test(text)) throw new SimpleYamlError(`"${text.slice(0, 20)}": flow collections, anchors, aliases, tags and block scalars are not supported; quote the value`, no);
  const comment = text.search(/\s#/);
  const plain = (comment === -1 ? text : text.slice(0, comment)).trim();
  // YAML itself refuses these; reading them as text would hide a broken file.
  if (/:(\s|$)/.test(plain) || /^-(\s|$)/.test(plain)) throw new SimpleYamlError(`"${plain.slice(0, 40)}": quote a value that contains ": " or starts with "- "`, no);
  return plain;
}

function readQuoted(text: string, start: number): { value: string; end: number } | undefined {
  const quote = text[start];
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c !== "'") value += c;
      else if (text[i + 1] === "'") (value += "'"), i++;
      else return { value, end: i + 1 };
    } else if (c === '"') {
      return { value, end: i + 1 };
    } else if (c === '\\') {
      const e = text[++i];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/', '0': '\0', ' ': ' ' };
      if (e !== undefined && simple[e] !== undefined) value += simple[e];
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) (value += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16))), (i += 4);
      else return undefined;
    } else {
      value += c;
    }
  }
  return undefined;
}
