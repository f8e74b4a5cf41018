import { canonicalJson } from '../audit/canonical-json';
import type { JsonValue } from '../json-value';
import type { EvidenceStore } from './evidence-store';
import { checkEvidenceToken } from './download-link';
import { bundleMatchesHash } from './seal-bundle';

/** What `GET /evidence/<token>` answers: the bundle's exact bytes, or a JSON error without detail. */
export type DownloadAnswer =
  | { status: 200; body: string; filename: string }
  | { status: 403 | 404 | 409 | 410; body: { error: string; message: string } };

/** Serves a download link; never throws for anything a caller can put in the token. */
export type EvidenceDownload = (token: string) => Promise<DownloadAnswer>;

export interface EvidenceDownloadDeps {
  bundles: Pick<EvidenceStore, 'get'>;
  /** The keys a link may be signed with (EVIDENCE_SIGNING_KEYS), or the one key. */
  signingKey: string | readonly string[];
  /** The app's clock: expiry is judged by the same clock that stamped the link. */
  now(): Date;
}

const REFUSED: DownloadAnswer = {
  status: 403,
  body: { error: 'invalid-link', message: 'This evidence link is not valid. Ask GalleryOps for a new one: evidence <image> <version>.' },
};

export function createEvidenceDownload(deps: EvidenceDownloadDeps): EvidenceDownload {
  return async (token) => {
    const check = checkEvidenceToken(token, deps.signingKey, deps.now());
    if (!check.ok && check.reason === 'expired') {
      return {
        status: 410,
        body: { error: 'link-expired', message: 'This evidence link has expired. Ask GalleryOps for a new one: evidence <image> <version>. `evidence verify <link>` still checks the bundle.' },
      };
    }
    if (!check.ok) return REFUSED;
    const stored = await deps.bundles.get(check.claims.hash);
    if (stored === undefined) {
      return { status: 404, body: { error: 'bundle-not-found', message: 'The bundle this link names is not stored here any more. Ask GalleryOps for a new one.' } };
    }
    // Serving an edited record under the hash it no longer has would hand out forged evidence.
    if (!bundleMatchesHash(stored, check.claims.hash)) {
      return { status: 409, body: { error: 'bundle-altered', message: 'The stored bundle no longer matches its hash, so it is not served. Run `evidence verify` in chat and report it.' } };
    }
    return { status: 200, body: canonicalJson(stored), filename: bundleFilename(stored, check.claims.hash) };
  };
}

/** `galleryops-evidence-<image>-<version>-<hash8>.json`, reduced to characters that are safe in a header. */
export function bundleFilename(bundle: JsonValue, hash: string): string {
  const subject = bundle && typeof bundle === 'object' && !Array.isArray(bundle) ? bundle['subject'] : undefined;
  const field = (name: string): string => {
    const v = subject && typeof subject === 'object' && !Array.isArray(subject) ? subject[name] : undefined;
    return typeof v === 'string' ? v.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80) : 'unknown';
  };
  return `galleryops-evidence-${field('image')}-${field('version')}-${hash.slice(0, 8)}.json`;
}
