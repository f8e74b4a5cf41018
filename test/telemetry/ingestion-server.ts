import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { createCertificate } from '../../emulator/certificate';

/** One Application Insights envelope as the Azure Monitor exporter posts it (the parts the tests read). */
export interface Envelope {
  name: string;
  tags?: Record<string, string>;
  data?: { baseType?: string; baseData?: Record<string, unknown> };
}

/** A local stand-in for Application Insights' ingestion endpoint (`POST <IngestionEndpoint>/v2.1/track`). */
export interface IngestionServer {
  /** The connection string pointing at it (the exporter only speaks https, so it serves https). */
  connectionString: string;
  /** Its self-signed certificate (PEM), for NODE_EXTRA_CA_CERTS of the process that exports. */
  ca: string;
  envelopes: Envelope[];
  /** Every request body as received (unzipped), to look for what must never be sent. */
  bodies: string[];
  close(): Promise<void>;
}

export async function startIngestionServer(): Promise<IngestionServer> {
  const certificate = await createCertificate();
  const envelopes: Envelope[] = [];
  const bodies: string[] = [];
  const server = createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      bodies.push(body);
      let accepted = 0;
      try {
        const items = JSON.parse(body) as Envelope[];
        envelopes.push(...items);
        accepted = items.length;
      } catch {
        // Not an envelope array: counted as nothing accepted, like the real endpoint's 400.
      }
      res.writeHead(accepted > 0 ? 200 : 400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: accepted, itemsAccepted: accepted, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    connectionString: `InstrumentationKey=0f3b2c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d;IngestionEndpoint=https://127.0.0.1:${port}/`,
    ca: certificate.cert,
    envelopes,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
