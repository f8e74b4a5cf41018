/**
 * Puts back into a write body what the SDK's models dropped. `@azure/arm-compute` serialises a write through
 * its models of api-version 2025-12-03, so a field it does not model (one a later api-version adds, such as a
 * data disk's `encryption.dataDiskImages[].securityProfile` from 2026-03-03, or one ARM sends before the SDK
 * catches up) never reaches ARM, even when the bot read it from ARM just before and means to send it back.
 *
 * ARM merges a PATCH's objects key by key, so a field the body leaves out of an object is kept; but it takes a
 * list as given (`targetRegions`, `targetExtendedLocations`), so a list element that loses a field loses it in
 * Azure. A PUT is filled the same way (a stage copy's regions from its source's answer). Hence only list elements are filled: each element of a list the body sends is paired with the same
 * element of the version as ARM answered it (by LUN, or by name and edge zone), and every field ARM had there
 * that the body lacks is put back, at any depth. An element ARM did not have (a region added) is sent as built.
 */
import type { JsonValue } from '../../json-value';

export type JsonObject = { [key: string]: JsonValue };
export const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Region and zone names compare as ARM compares them: `East US 2` is `eastus2`. */
export const squash = (v: JsonValue | undefined): string => (typeof v === 'string' ? v.replace(/\s+/g, '').toLowerCase() : '');

/** What identifies a list element across a read and a write: a disk's LUN, else a region's name and edge zone. */
function elementKey(v: JsonValue): string | undefined {
  if (!isObject(v)) return undefined;
  if (typeof v['lun'] === 'number') return `lun:${v['lun']}`;
  if (typeof v['name'] !== 'string') return undefined;
  const zone = v['extendedLocation'];
  return `name:${squash(v['name'])}|${isObject(zone) ? squash(zone['name']) : ''}`;
}

/** `sent` with every field of `read` it lacks, at any depth (lists element by element). */
function fill(sent: JsonValue, read: JsonValue | undefined): JsonValue {
  if (Array.isArray(sent)) return Array.isArray(read) ? pairElements(sent, read) : sent;
  if (!isObject(sent) || !isObject(read)) return sent;
  const out: JsonObject = { ...sent };
  for (const [key, value] of Object.entries(read)) out[key] = key in sent ? fill(sent[key]!, value) : value;
  return out;
}

function pairElements(sent: JsonValue[], read: JsonValue[]): JsonValue[] {
  const byKey = new Map<string, JsonValue>();
  for (const item of read) {
    const key = elementKey(item);
    if (key !== undefined && !byKey.has(key)) byKey.set(key, item);
  }
  return sent.map((item) => {
    const key = elementKey(item);
    const match = key === undefined ? undefined : byKey.get(key);
    return match === undefined ? item : fill(item, match);
  });
}

/**
 * The write body `sent` (ARM's REST shape) with the fields ARM's answer `read` had in the same list elements.
 * Objects outside lists are walked, not filled: ARM keeps what a PATCH does not name there.
 */
export function keepUnknownFields(sent: JsonValue, read: JsonValue): JsonValue {
  if (Array.isArray(sent)) return Array.isArray(read) ? pairElements(sent, read) : sent;
  if (!isObject(sent) || !isObject(read)) return sent;
  const out: JsonObject = { ...sent };
  for (const [key, value] of Object.entries(sent)) if (key in read) out[key] = keepUnknownFields(value, read[key]!);
  return out;
}
