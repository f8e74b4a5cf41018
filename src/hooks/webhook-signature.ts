import { createHmac } from 'node:crypto';

/** Header names of a signed webhook request (README "Outgoing hooks" shows how to verify them). */
export const SIGNATURE_HEADER = 'X-GalleryOps-Signature';
export const TIMESTAMP_HEADER = 'X-GalleryOps-Timestamp';

/**
 * `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`. The timestamp (Unix seconds, sent in its own
 * header) is inside the signature, so a receiver that refuses old timestamps cannot be fed a captured request
 * again later; the raw body is signed as sent, so a receiver verifies the bytes before parsing them.
 */
export function webhookSignature(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}
