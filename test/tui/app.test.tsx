import { vi } from 'vitest';

// colours on, so the inverse cursor/highlight is visible in the frame (chalk reads this at import)
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/findings/result.js';
import { App } from '../../src/tui/index.js';
import { KEY, fixtureText, inverseLines, loadResult, plain, press, settle, tick, type, until } from './helpers.js';

const EVENTS = fixtureText('events.json');
const files: Record<string, string> = { 'events.json': EVENTS };
const readFile = async (p: string) => files[p];

let instances: { unmount: () => void }[] = [];
afterEach(() => {
  for (const i of instances) i.unmount();
  instances = [];
});

async function start(result: AnalysisResult = loadResult(), size = { columns: 100, rows: 30 }, extra: { writeRaw?: (s: string) => void; readFile?: (p: string) => Promise<string | undefined> } = {}) {
  const r = render(<App result={result} readFile={extra.readFile ?? readFile} size={size} writeRaw={extra.writeRaw} />);
  instances.push(r);
  await tick();
  return { ...r, screen: () => plain(r.lastFrame()), selected: () => inverseLines(r.lastFrame()) };
}

function lines(screen: string): string[] {
  return screen.split('\n');
}

describe('findings view', () => {
  it('shows the bundle, severity counts, primary critical findings first and key hints', async () => {
    const r = await start();
    const s = r.screen();
    const [head, crumb] = lines(s);
    expect(head).toContain('podmortem');
    expect(head).toContain('support-bundle-2026-11-20T09_14_02.tar.gz');
    expect(head).toContain('[troubleshoot]');
    expect(head).toMatch(/critical 3 +warning 1 +info 1/);
    expect(crumb).toContain('Findings[5]');
    expect(crumb).toContain('1/5');
    // primary root causes first (critical before warning), the secondary info finding last
    const order = ['pull-secret-wrong-registry', 'registry-tls', 'registry-dns', 'disk-pressure', 'auth-or-not-found'].map((c) => s.indexOf(c));
    expect(order.every((p) => p > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(s).toContain('CRIT* shop/billing-api-7d9f8b6c5-');
    expect(s).toContain('WARN* node/ip-10-0-3-17');
    expect(s).toMatch(/INFO  shop\/billing-api/);
    expect(lines(s).at(-1)).toContain('<j/↓> down');
    expect(lines(s).at(-1)).toContain('<?> help');
    // never as tall as the terminal (Ink 6.8 flicker)
    expect(lines(s).length).toBeLessThanOrEqual(29);
  });

  it('colours rows by severity: critical red, warning orange', async () => {
    const r = await start();
    const raw = r.lastFrame() ?? '';
    const dnsRow = raw.split('\n').find((l) => l.includes('registry-dns'))!;
    const diskRow = raw.split('\n').find((l) => l.includes('disk-pressure'))!;
    expect(dnsRow).toContain('\u001B[31m'); // red
    expect(diskRow).toMatch(/\u001B\[(38;5;208|38;2;255;135;0|93)m/); // #ff8700, or its 16-colour fallback
  });

  it('moves the cursor with j/k and arrows, g/G jump to the ends', async () => {
    const r = await start();
    expect(r.selected()[0]).toContain('pull-secret-wrong-registry');
    await press(r, 'j');
    expect(r.selected()[0]).toContain('registry-tls');
    expect(lines(r.screen())[1]).toContain('2/5');
    await press(r, KEY.down, KEY.down);
    expect(r.selected()[0]).toContain('disk-pressure');
    await press(r, 'k');
    expect(r.selected()[0]).toContain('registry-dns');
    await press(r, KEY.up);
    expect(r.selected()[0]).toContain('registry-tls');
    await press(r, 'G');
    expect(r.selected()[0]).toContain('auth-or-not-found');
    await press(r, 'j'); // stays at the bottom
    expect(lines(r.screen())[1]).toContain('5/5');
    await press(r, 'g');
    expect(r.selected()[0]).toContain('pull-secret-wrong-registry');
  });

  it('applies several keys written in one chunk in order', async () => {
    const r = await start();
    r.stdin.write('jjj');
    await tick(40);
    await settle(r);
    expect(lines(r.screen())[1]).toContain('4/5');
  });
});

describe('detail view', () => {
  it('shows message, evidence with file:line, remediation, verify and the not-checked items of the pod', async () => {
    const r = await start();
    await press(r, KEY.enter);
    const s = r.screen();
    expect(lines(s)[1]).toContain('Findings › pull-secret-wrong-registry › shop/billing-api-7d9f8b6c5-x2kqp/api  [1/5]');
    expect(s).toContain('CRIT  Pull secret regcred has no credentials for docker.io');
    expect(s).toContain('status ImagePullBackOff');
    expect(s).toContain('Message');
    expect(s).toContain('only holds credentials for registry.acme.io');
    expect(s).toContain('Evidence (2)');
    expect(s).toContain('cluster-resources/events/shop.json:212');
    expect(s).toContain('secrets/shop/regcred.json:7');
    expect(s).toContain('Remediation');
    expect(s).toContain('$ kubectl create secret docker-registry regcred-dockerhub -n shop');
    // the first evidence line starts selected
    expect(r.selected()[0]).toContain('cluster-resources/events/shop.json:212');
    // the tail: verify and not-checked items (pod-specific and bundle-level, not another node's)
    await press(r, 'G');
    const tail = r.screen();
    expect(tail).toContain('Verify');
    expect(tail).toContain("$ kubectl get pod billing-api-7d9f8b6c5-x2kqp -n shop -o jsonpath='{.status.");
    expect(tail).toContain('Not checked (2)');
    expect(tail).toContain('Service account pull secrets — the bundle has no service accounts for namespace shop');
    expect(tail).toContain('Registry reachability from the node');
    expect(tail).not.toContain('Kubelet journal');
  });

  it('moves over evidence and command lines with j/k and goes back with esc', async () => {
    const r = await start();
    await press(r, KEY.enter, 'j');
    expect(r.selected()[0]).toContain('secrets/shop/regcred.json:7');
    await press(r, 'j');
    expect(r.selected()[0]).toContain('$ kubectl create secret docker-registry');
    await press(r, KEY.down);
    expect(r.selected()[0]).toContain('$ kubectl patch serviceaccount default -n shop');
    await press(r, 'k', 'k', 'k');
    expect(r.selected()[0]).toContain('cluster-resources/events/shop.json:212');
    await press(r, KEY.escape);
    expect(lines(r.screen())[1]).toContain('Findings[5]');
    expect(r.selected()[0]).toContain('pull-secret-wrong-registry');
  });

  it('y copies the selected command with OSC 52 and also shows it on screen', async () => {
    const written: string[] = [];
    const r = await start(loadResult(), { columns: 100, rows: 30 }, { writeRaw: (s) => written.push(s) });
    await press(r, KEY.enter, 'j', 'j', 'y');
    await until(() => written.length > 0);
    const cmd =
      'kubectl create secret docker-registry regcred-dockerhub -n shop --docker-server=https://index.docker.io/v1/ --docker-username=<user> --docker-password=<token>';
    expect(written).toEqual([`\u001B]52;c;${Buffer.from(cmd).toString('base64')}\u0007`]);
    const s = r.screen();
    expect(s).toContain('copied (OSC 52) — also shown below for selection');
    // the whole command is on screen for manual selection, split with shell line continuations
    const panel = lines(s.slice(s.indexOf('copied (OSC 52)'))).slice(1, -1);
    expect(panel).toEqual([
      'kubectl create secret docker-registry regcred-dockerhub -n shop \\',
      '--docker-server=https://index.docker.io/v1/ --docker-username=<user> --docker-password=<token>',
    ]);
    expect(panel.join('\n').replace(/ \\\n/g, ' ')).toBe(cmd);
    // the next key dismisses the panel
    await press(r, 'k');
    expect(r.screen()).not.toContain('copied (OSC 52)');
  });

  it('y on an evidence line explains instead of copying', async () => {
    const written: string[] = [];
    const r = await start(loadResult(), undefined, { writeRaw: (s) => written.push(s) });
    await press(r, KEY.enter, 'y');
    expect(written).toEqual([]);
    expect(lines(r.screen()).at(-1)).toContain('select a command');
  });
});

describe('evidence view', () => {
  async function openTlsEvidence() {
    const r = await start();
    await press(r, 'j', KEY.enter, KEY.enter);
    await tick();
    return r;
  }

  it('opens the bundle file at the evidence line, highlighted, with line/total', async () => {
    const r = await openTlsEvidence();
    const s = r.screen();
    expect(lines(s)[1]).toContain('Evidence › events.json  line 153/913');
    const hl = r.selected();
    // the evidence line is shown whole: wrapped over a few inverse rows, so the cause on the far right is visible
    expect(hl.length).toBe(3);
    expect(hl[0]).toMatch(/^153 +"message": "Failed to pull image \\"noimage.com\/no-such-image\\": rpc error/);
    expect(hl.map((l) => l.slice(4)).join('')).toContain('x509: certificate is not valid for any names, but wanted to match noimage.com');
    // the window shows neighbouring lines too, and never more rows than fit
    expect(s).toContain('"reason": "Failed",');
    expect(lines(s).length).toBeLessThanOrEqual(29);
    expect(lines(s).slice(2, -1).length).toBe(26);
    expect(lines(s).filter((l) => /^\d{3} /.test(l)).length).toBe(24);
  });

  it('scrolls with j/k, pages with space/b and PgDn/PgUp, g/G jump', async () => {
    const r = await openTlsEvidence();
    const range = () => /view (\d+)-(\d+)/.exec(lines(r.screen())[1])!.slice(1).map(Number);
    const [first] = range();
    expect(first).toBeLessThan(153);
    await press(r, 'j');
    expect(range()[0]).toBe(first + 1);
    await press(r, 'k', 'k');
    expect(range()[0]).toBe(first - 1);
    await press(r, ' ');
    expect(range()[0]).toBe(first - 1 + 26);
    await press(r, 'b');
    expect(range()[0]).toBe(first - 1);
    await press(r, KEY.pageDown);
    expect(range()[0]).toBe(first - 1 + 26);
    await press(r, KEY.pageUp);
    expect(range()[0]).toBe(first - 1);
    await press(r, 'G');
    expect(range()).toEqual([888, 913]);
    expect(r.screen()).toContain('913 }');
    expect(r.selected()).toEqual([]); // line 153 scrolled away
    await press(r, 'g');
    expect(range()).toEqual([1, 26]);
    expect(lines(r.screen())[2]).toMatch(/^ {2}1 \{$/);
  });

  it('q backs out to the detail, then to the list', async () => {
    const r = await openTlsEvidence();
    await press(r, 'q');
    expect(lines(r.screen())[1]).toContain('Findings › registry-tls ›');
    await press(r, 'q');
    expect(lines(r.screen())[1]).toContain('Findings[5]');
  });

  it('says so when the bundle lacks the file', async () => {
    const r = await start();
    await press(r, KEY.enter, KEY.enter);
    await tick();
    expect(r.screen()).toContain('cluster-resources/events/shop.json is not in the bundle');
  });

  it('shows a readFile failure as a message, not a crash', async () => {
    const r = await start(loadResult(), undefined, {
      readFile: async () => {
        throw new Error('tar: unexpected end of data');
      },
    });
    await press(r, KEY.enter, KEY.enter);
    await tick();
    expect(r.screen()).toContain('cannot read cluster-resources/events/shop.json: tar: unexpected end of data');
  });
});

describe('filter, help, views, quit', () => {
  it('/ filters the current list case-insensitively; enter applies, esc clears', async () => {
    const r = await start();
    await press(r, '/');
    await type(r, 'DNS');
    let s = r.screen();
    expect(lines(s).at(-1)).toContain('/DNS');
    expect(lines(s)[1]).toContain('Findings[5]  /DNS  1/1');
    expect(s).toContain('registry-dns');
    expect(s).not.toContain('registry-tls');
    await press(r, KEY.enter);
    s = r.screen();
    expect(lines(s)[1]).toContain('/DNS');
    expect(lines(s).at(-1)).toContain('<j/↓> down');
    await press(r, KEY.enter); // opens the filtered row
    expect(lines(r.screen())[1]).toContain('registry-dns › team/api-5c6d7f8b9-q4wzt/api');
    await press(r, KEY.escape, KEY.escape); // back, then clear the filter
    expect(lines(r.screen())[1]).toContain('Findings[5]  1/5');
  });

  it('esc while typing a filter clears it; backspace edits', async () => {
    const r = await start();
    await press(r, '/');
    await type(r, 'nodex');
    expect(r.screen()).toContain('no rows match /nodex');
    await press(r, KEY.backspace);
    expect(r.screen()).toContain('disk-pressure');
    expect(lines(r.screen())[1]).toContain('/node  1/2');
    expect(r.screen()).toContain('Node cannot resolve registry');
    await press(r, KEY.escape);
    expect(lines(r.screen())[1]).toContain('Findings[5]  1/5');
  });

  it('? lists every key from the keymap; esc closes it', async () => {
    const r = await start();
    await press(r, '?');
    const s = r.screen();
    expect(lines(s)[1]).toContain('Help');
    for (const k of ['j/↓', 'k/↑', 'space/PgDn', 'b/PgUp', 'enter', 'y', '/', 'tab', ':', 'esc', '?', 'q']) {
      expect(s).toContain(k);
    }
    expect(s).toContain(':notchecked');
    await press(r, KEY.escape);
    expect(lines(r.screen())[1]).toContain('Findings[5]');
  });

  it('tab cycles findings → pods → nodes → not checked → findings', async () => {
    const r = await start();
    await press(r, KEY.tab);
    let s = r.screen();
    expect(lines(s)[1]).toContain('Pods[4]');
    expect(s).toContain('shop/billing-api-7d9f8b6c5-x2kqp');
    expect(s).toContain('api: pull-secret-wrong-registry — Pull s');
    expect(s).toMatch(/kube-system\/coredns-76f75df574-8xk2p +Running/);
    await press(r, KEY.tab);
    s = r.screen();
    expect(lines(s)[1]).toContain('Nodes[2]');
    expect(s).toMatch(/ip-10-0-3-17\.eu-west-1\.comp… +amd64 +containerd:\/\/1\.7\.13 +DiskPressure +97% \/var\/lib\/containerd \(3\.1G/);
    expect(s).toMatch(/ip-10-0-5-80\.eu-west-1\.comp… +arm64 +cri-o:\/\/1\.29\.2 +Ready +38% \/ \(49Gi free\)/);
    await press(r, KEY.tab);
    s = r.screen();
    expect(lines(s)[1]).toContain('Not checked[3]');
    expect(s).toContain('Registry reachability from the node');
    await press(r, KEY.tab);
    expect(lines(r.screen())[1]).toContain('Findings[5]');
  });

  it(':pods, :nodes, :nc and :findings switch views; unknown commands say so', async () => {
    const r = await start();
    await press(r, ':');
    await type(r, 'pods');
    expect(lines(r.screen()).at(-1)).toContain(':pods');
    await press(r, KEY.enter);
    expect(lines(r.screen())[1]).toContain('Pods[4]');
    await press(r, ':');
    await type(r, 'nodes');
    await press(r, KEY.enter);
    expect(lines(r.screen())[1]).toContain('Nodes[2]');
    await press(r, ':');
    await type(r, 'nc');
    await press(r, KEY.enter);
    expect(lines(r.screen())[1]).toContain('Not checked[3]');
    await press(r, ':');
    await type(r, 'podz');
    await press(r, KEY.enter);
    expect(lines(r.screen()).at(-1)).toContain('unknown command :podz');
    await press(r, ':');
    await type(r, 'findings');
    await press(r, KEY.enter);
    expect(lines(r.screen())[1]).toContain('Findings[5]');
  });

  it('enter on a pod shows that pod\'s findings', async () => {
    const r = await start();
    await press(r, KEY.tab, KEY.enter);
    const s = r.screen();
    expect(lines(s)[1]).toContain('Findings[5]  /shop/billing-api-7d9f8b6c5-x2kqp  1/2');
    expect(s).toContain('pull-secret-wrong-registry');
    expect(s).toContain('auth-or-not-found');
    expect(s).not.toContain('registry-dns');
  });

  it('q quits from the list: the app stops reacting', async () => {
    const r = await start();
    await press(r, 'q');
    const before = r.lastFrame();
    await press(r, 'j', 'j');
    expect(r.lastFrame()).toBe(before);
  });

  it(':q quits', async () => {
    const r = await start();
    await press(r, ':', 'q', KEY.enter);
    const before = r.lastFrame();
    await press(r, 'j');
    expect(r.lastFrame()).toBe(before);
  });
});

describe('terminal safety and size', () => {
  it('strips escape sequences from bundle text (OSC 52, title, CSI) and flattens tabs/newlines in rows', async () => {
    const result = loadResult();
    const f = result.findings[1];
    f.title = 'evil\u001B]0;pwned-title\u0007 title\twith\ttabs\nand newline';
    f.message = 'before\u001B]52;c;ZWNobyBwd25lZA==\u0007after \u001B[2J\u001B[31mred\u001B[0m \u009b31m c1';
    f.subject.name = 'pod\u001B[1;1Hname';
    f.evidence[0].excerpt = 'x\u001BP+q544e\u001B\\y';
    const r = await start(result);
    const frames = [r.lastFrame() ?? ''];
    await press(r, KEY.enter);
    frames.push(r.lastFrame() ?? '');
    for (const frame of frames) {
      const withoutOurColours = frame.replace(/\u001B\[[0-9;]*m/g, '');
      expect(withoutOurColours).not.toContain('\u001B');
      expect(withoutOurColours).not.toContain('\u0007');
      expect(withoutOurColours).not.toContain('\u009b');
      expect(frame).not.toContain(']52;');
      expect(frame).not.toContain(']0;');
    }
    expect(plain(frames[0])).toContain('shop/podname/api');
    expect(plain(frames[0])).toContain('evil title with tabs and newline');
    expect(plain(frames[1])).toContain('beforeafter red');
  });

  it('fits an 80x24 terminal in every view', async () => {
    const r = await start(loadResult(), { columns: 80, rows: 24 });
    const check = () => {
      const ls = lines(r.screen());
      expect(ls.length).toBeLessThanOrEqual(23);
      for (const l of ls) expect(l.length).toBeLessThanOrEqual(80);
    };
    check();
    await press(r, KEY.enter);
    check();
    await press(r, 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'j');
    check();
    await press(r, KEY.escape, 'j', KEY.enter, KEY.enter);
    await tick();
    check();
    expect(r.selected()[0]).toMatch(/^153 +"message": "Failed to pull image/);
    await press(r, 'q', 'q', KEY.tab);
    check();
    await press(r, KEY.tab);
    check();
    await press(r, KEY.tab);
    check();
    await press(r, '?');
    check();
  });

  it('re-renders for the new size on stdout resize', async () => {
    const r = await start(loadResult(), { columns: 100, rows: 30 });
    expect(r.screen()).toContain('CATEGORY                   TITLE');
    Object.defineProperty(r.stdout, 'columns', { configurable: true, get: () => 60 });
    Object.defineProperty(r.stdout, 'rows', { configurable: true, value: 12 });
    r.stdout.emit('resize');
    await tick();
    const ls = lines(r.screen());
    expect(ls.length).toBeLessThanOrEqual(11);
    for (const l of ls) expect(l.length).toBeLessThanOrEqual(60);
    expect(ls[2]).toMatch(/^SEV +NAMESPACE\/POD.* CATEGORY +TITLE$/);
    Object.defineProperty(r.stdout, 'rows', { configurable: true, value: 6 });
    r.stdout.emit('resize');
    await tick();
    expect(r.screen()).toContain('terminal too small (60x6)');
  });
});
