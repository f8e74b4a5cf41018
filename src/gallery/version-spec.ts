import { parseVersionPart } from './version-number';

/**
 * What a user may type where a version is expected: an exact version, a prefix of one or two parts (the
 * highest version under it), or `latest`.
 */
export type VersionSpec =
  | { kind: 'latest' }
  | { kind: 'exact'; parts: readonly [number, number, number] }
  | { kind: 'prefix'; parts: readonly [number] | readonly [number, number] };

/**
 * The typed version without one sentence mark after it: people end a question with the version
 * (`image status dispatch 2026.05?`) or a sentence with it (`… 2026.05.`). Only one mark goes, so `2026.05.?`
 * stays malformed.
 */
export function withoutSentenceMark(text: string): string {
  const t = text.trim();
  return /[0-9a-z][.?!,;:]$/i.test(t) ? t.slice(0, -1) : t;
}

/** Parses a version spec; undefined when the text is not one (the caller words the usage error). */
export function parseVersionSpec(text: string): VersionSpec | undefined {
  const t = withoutSentenceMark(text).toLowerCase();
  if (t === 'latest') return { kind: 'latest' };
  const raw = t.split('.');
  if (raw.length < 1 || raw.length > 3) return undefined;
  const parts = raw.map(parseVersionPart);
  if (parts.some((p) => p === undefined)) return undefined;
  const [a, b, c] = parts as number[];
  if (c !== undefined && b !== undefined && a !== undefined) return { kind: 'exact', parts: [a, b, c] };
  if (b !== undefined && a !== undefined) return { kind: 'prefix', parts: [a, b] };
  return a !== undefined ? { kind: 'prefix', parts: [a] } : undefined;
}

/** How the spec reads back to the user: `2026.5.x`, `2026.x.y`, `latest`, `2026.5.1`. */
export function describeVersionSpec(spec: VersionSpec): string {
  switch (spec.kind) {
    case 'latest':
      return 'latest';
    case 'exact':
      return spec.parts.join('.');
    case 'prefix':
      return spec.parts.length === 2 ? `${spec.parts.join('.')}.x` : `${spec.parts[0]}.x.y`;
  }
}
