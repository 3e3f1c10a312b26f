/**
 * The one table of what each bundle capability means when it is missing:
 * the reason shown as "not checked" and the command that would capture it.
 * Placeholders (<ns>, <pod>, <name>, <node>, <registry>, <repository>) are
 * filled when the not-checked entry concerns a single subject.
 */
import type { Capability } from '../model/types.js';

export interface CapabilityGap {
  reason: string;
  capture: string;
}

export const CAPABILITY_GAPS: Readonly<Record<Capability, CapabilityGap>> = {
  pods: { reason: 'the bundle has no pod objects', capture: 'kubectl get pods -A -o json > pods.json' },
  'pod-specs': {
    reason: 'the bundle shows pods only as text (describe / get), without their spec (imagePullSecrets, service account)',
    capture: 'kubectl get pod <pod> -n <ns> -o json',
  },
  events: { reason: 'the bundle has no events', capture: 'kubectl get events -n <ns> -o json' },
  nodes: { reason: 'the bundle has no node objects', capture: 'kubectl get nodes -o json > nodes.json' },
  serviceaccounts: { reason: 'the bundle has no service accounts', capture: 'kubectl get serviceaccounts -n <ns> -o json' },
  secrets: { reason: 'the bundle has no pull secrets', capture: 'kubectl get secret <name> -n <ns> -o json' },
  'secret-values': {
    reason: 'the pull secrets in the bundle have their values elided or redacted',
    capture: "kubectl get secret <name> -n <ns> -o jsonpath='{.data.\\.dockerconfigjson}' | base64 -d | jq '.auths | map_values(.username)'",
  },
  'resolv-conf': { reason: "the bundle has no node resolv.conf", capture: 'cat /etc/resolv.conf   # on node <node>' },
  df: { reason: 'the bundle has no df output of the nodes', capture: 'df -h; df -i   # on node <node>' },
  journal: { reason: 'the bundle has no kubelet or runtime journal', capture: 'journalctl -u kubelet -u containerd -u crio --since "2 hours ago"   # on node <node>' },
  'tags-list': { reason: "the bundle has no tag list of the image's repository", capture: 'skopeo list-tags docker://<registry>/<repository>' },
  'image-platforms': { reason: "the bundle does not show which platforms the image is built for", capture: 'skopeo inspect --raw docker://<registry>/<repository>:<tag>' },
};

export function fillPlaceholders(text: string, values: Record<string, string | undefined>): string {
  let out = text;
  for (const [k, v] of Object.entries(values)) if (v) out = out.split(`<${k}>`).join(v);
  return out;
}
