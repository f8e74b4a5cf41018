import { canonicalJson } from '../audit/canonical-json';
import { sha256Hex } from '../audit/hash-record';
import type { JsonValue } from '../json-value';
import type { EvidenceBundle, UnsealedBundle } from './evidence-bundle';

/** A sealed bundle and the exact bytes (as text) that are stored, downloaded and hashed. */
export interface SealedBundle {
  bundle: EvidenceBundle;
  /** RFC 8785 canonical JSON of the whole bundle, `sha256` included. */
  text: string;
}

/** Adds `sha256` = SHA-256 of the canonical JSON of the bundle without it. Pure: same input, same bytes. */
export function sealBundle(unsealed: UnsealedBundle): SealedBundle {
  const { sha256: _dropped, ...content } = unsealed as UnsealedBundle & { sha256?: unknown };
  const sha256 = sha256Hex(canonicalJson(content as unknown as JsonValue));
  const bundle: EvidenceBundle = { ...content, sha256 };
  return { bundle, text: canonicalJson(bundle as unknown as JsonValue) };
}

/**
 * Recomputes a stored or downloaded bundle's hash: SHA-256 of the canonical JSON of the object without its
 * `sha256` field. Undefined when the value is not an object, or holds something JSON cannot carry (a number
 * edited into `1e999` parses as Infinity): either way it is not a bundle, and verification must say so
 * rather than throw.
 */
export function recomputeBundleHash(value: JsonValue): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { sha256: _ignored, ...content } = value;
  try {
    return sha256Hex(canonicalJson(content));
  } catch {
    return undefined;
  }
}

/**
 * True when `value` is the bundle `hash` names: its content hashes to `hash` and it claims that hash. Both
 * are needed: editing the content breaks the first, swapping in another bundle's hash field the second.
 */
export function bundleMatchesHash(value: JsonValue, hash: string): boolean {
  const recomputed = recomputeBundleHash(value);
  const claimed = value !== null && typeof value === 'object' && !Array.isArray(value) ? value['sha256'] : undefined;
  return recomputed === hash && claimed === hash;
}
