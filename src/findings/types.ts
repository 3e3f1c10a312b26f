/**
 * Findings: what the rules engine concludes, and what reports and the TUI show.
 * `category` ids and the JSON field names are a public contract: add, never rename.
 */
import type { Evidence, SourceRef } from '../common/source.js';

export type Severity = 'critical' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

export const CATEGORIES = [
  'image-not-found',
  'invalid-image-name',
  'never-pull',
  'auth-missing',
  'auth-rejected',
  'auth-forbidden',
  'auth-or-not-found',
  'pull-secret-missing',
  'pull-secret-wrong-registry',
  'pull-secret-malformed',
  'registry-dns',
  'registry-unreachable',
  'registry-timeout',
  'registry-tls',
  'registry-http',
  'proxy',
  'rate-limited',
  'registry-error',
  'disk-pressure',
  'platform-mismatch',
  'pull-stalled',
  'signature-rejected',
  'no-evidence',
  'unknown',
] as const;

export type Category = (typeof CATEGORIES)[number];

export interface Subject {
  kind: 'container' | 'pod' | 'node' | 'bundle';
  namespace?: string;
  /** pod name, node name, or bundle name */
  name: string;
  container?: string;
}

export interface RemediationStep {
  kind: 'text' | 'command';
  text: string;
}

export interface Finding {
  /** rule id */
  rule: string;
  category: Category;
  severity: Severity;
  /** the single most specific explanation for its subject */
  primary: boolean;
  title: string;
  message: string;
  subject: Subject;
  /** the container's status as kubectl shows it (ImagePullBackOff, ErrImagePull, ...), when relevant */
  status?: string;
  image?: string;
  evidence: Evidence[];
  /** remediation steps as plain strings (commands verbatim); see remediationSteps for their kind */
  remediation: string[];
  remediationSteps: RemediationStep[];
  /** how to check the fix worked */
  verify: string[];
  references: string[];
  /** values the rule captured (never secrets) */
  captures: Record<string, string>;
  /** rank among findings on the same subject: higher is more specific */
  specificity: number;
}

export interface NotChecked {
  rule: string;
  title: string;
  /** what the bundle lacks */
  reason: string;
  /** the kubectl (or shell) command that would capture it */
  capture: string;
  subject?: Subject;
}

export type { Evidence, SourceRef };
