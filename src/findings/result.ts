/**
 * The result of analyzing one bundle: what `analyze --format json` prints
 * (see schema/result.schema.json), what the Markdown report and the TUI render.
 */
import type { Warning } from '../common/source.js';
import type { Finding, NotChecked } from './types.js';

export interface InventoryArtifact {
  file: string;
  kind: string;
  counts: Record<string, number>;
}

export interface Inventory {
  layout: string;
  artifacts: InventoryArtifact[];
  counts: {
    pods: number;
    containers: number;
    events: number;
    nodes: number;
    serviceAccounts: number;
    pullSecrets: number;
    nodeFiles: number;
  };
  unrecognized: string[];
  warnings: Warning[];
}

export interface ContainerSummary {
  name: string;
  init: boolean;
  image: string;
  /** kubectl-like status: ImagePullBackOff, ErrImagePull, Running, ... */
  status?: string;
  /** category of the primary finding on this container, if any */
  primaryCategory?: string;
  primaryTitle?: string;
}

export interface PodSummary {
  namespace: string;
  name: string;
  node?: string;
  phase?: string;
  /** kubectl get pods STATUS-like text */
  status?: string;
  containers: ContainerSummary[];
}

export interface NodeSummary {
  name: string;
  architecture?: string;
  operatingSystem?: string;
  runtime?: string;
  kubeletVersion?: string;
  conditions: { type: string; status: string; reason?: string }[];
  disk: { mount: string; usePercent?: number; available?: number }[];
}

export interface AnalysisResult {
  schemaVersion: 1;
  tool: { name: 'podmortem'; version: string; rulesVersion: string };
  bundle: {
    path: string;
    name: string;
    sha256: string;
    kind: string;
    layout: string;
    collectedAt?: string;
    clusterVersion?: string;
  };
  findings: Finding[];
  notChecked: NotChecked[];
  warnings: Warning[];
  pods: PodSummary[];
  nodes: NodeSummary[];
  inventory: Inventory;
}
