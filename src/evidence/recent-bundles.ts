import { canonicalJson } from '../audit/canonical-json';
import { sha256Hex } from '../audit/hash-record';
import type { JsonValue } from '../json-value';
import type { EvidenceBundle, EvidenceVerbatim } from './evidence-bundle';

/**
 * The facts of a bundle without what changes on every read (when it was made and read, by whom, the audit head
 * at that moment): two bundles with the same key tell an incident responder the same thing.
 */
export function factsKey(bundle: EvidenceBundle): string {
  const { sha256: _s, generatedAt: _g, generatedBy: _b, auditHead: _h, snapshots, usage, ...rest } = bundle;
  const { readAt: _u, ...usageFacts } = usage;
  // ARM's answers keep their content as facts; their arrival times and request ids differ on every read.
  const verbatimFacts = (v: EvidenceVerbatim): EvidenceVerbatim => ('responses' in v ? { responses: v.responses.map((r) => ({ ...r, readAt: '', requestId: null })) } : v);
  const facts = { ...rest, usage: usageFacts, snapshots: snapshots.map(({ readAt: _r, verbatim, ...s }) => ({ ...s, verbatim: verbatimFacts(verbatim) })) };
  return sha256Hex(canonicalJson(facts as unknown as JsonValue));
}

interface Entry {
  bundle: EvidenceBundle;
  storedAt: number;
}

/**
 * During an incident several people ask `evidence` for the same version again and again; each bundle would cost
 * the store a few KB for the same facts (the soak grew its data folder 150 % in five minutes that way). So anyone
 * asking within the window, when nothing but read times changed, gets the bundle already stored (its hash and
 * link; the card says when and for whom it was made), and nothing new is written. Everyone then cites the same
 * hash, which is what an incident review wants. Bounded: the oldest entries are forgotten first. Per process:
 * another instance simply stores its own.
 */
export class RecentBundles {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 200,
  ) {}

  /** The bundle already made for these facts about the same version, if it is recent enough. */
  find(fresh: EvidenceBundle, now: Date): EvidenceBundle | undefined {
    const entry = this.entries.get(keyOf(fresh));
    if (!entry || now.getTime() - entry.storedAt > this.windowMs) return undefined;
    return entry.bundle;
  }

  remember(bundle: EvidenceBundle, now: Date): void {
    const key = keyOf(bundle);
    this.entries.delete(key);
    this.entries.set(key, { bundle, storedAt: now.getTime() });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/**
 * The version and its facts. Keyed by facts, not by version alone: while a change is applied, reads that began
 * before and after it finish in any order under load, so the same version's facts alternate (the soak stored a
 * new bundle for each flip: old, Updating, old, Succeeded, Updating…). Each fact set seen keeps its own bundle.
 */
function keyOf(bundle: EvidenceBundle): string {
  const s = bundle.subject;
  return `${s.subscription}/${s.resourceGroup}/${s.gallery}/${s.image}/${s.version}`.toLowerCase() + `#${factsKey(bundle)}`;
}
