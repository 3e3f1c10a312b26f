import { createHash } from 'node:crypto';

/**
 * The only form in which a credential may leave podmortem: the first 8 hex
 * digits of its SHA-256. Equal values give equal fingerprints, so two secrets
 * holding the same password can be correlated without showing it.
 */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 8);
}
