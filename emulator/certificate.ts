import { generate } from 'selfsigned';

/** A fresh self-signed certificate for localhost / 127.0.0.1 (the SDK only sends tokens over HTTPS). */
export interface EmulatorCertificate {
  /** PEM of the certificate; clients trust it as a CA (tlsOptions.ca or NODE_EXTRA_CA_CERTS). */
  cert: string;
  key: string;
}

export async function createCertificate(now: Date = new Date()): Promise<EmulatorCertificate> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    // Backdated a day so clients with a slightly skewed clock accept it; one year is plenty for a dev tool.
    notBeforeDate: new Date(now.getTime() - 86_400_000),
    notAfterDate: new Date(now.getTime() + 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
