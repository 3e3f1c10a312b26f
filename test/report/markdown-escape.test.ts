import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeBlock, codeSpan, escapeMarkdownInline, escapeTableCell, toOneLine } from '../../src/report/markdown-escape.js';
import { flatten, parseTokens, typesOf, unescape } from './md-tokens.js';

/** Token types that mean the text turned into markup instead of staying text. */
const MARKUP = [
  'htmlText', 'htmlFlow', 'link', 'image', 'emphasis', 'strong', 'codeText', 'codeFenced', 'codeIndented',
  'autolink', 'literalAutolink', 'literalAutolinkEmail', 'literalAutolinkHttp', 'literalAutolinkWww',
  'characterReference', 'strikethrough', 'atxHeading', 'setextHeading', 'listOrdered', 'listUnordered',
  'blockQuote', 'thematicBreak', 'table', 'hardBreakEscape', 'hardBreakTrailing', 'labelStart', 'labelEnd',
  'definition', 'gfmFootnoteCall', 'lineEnding',
];

const HOSTILE = [
  'evil|pod`x`<script>alert(1)</script>](javascript:alert(1))',
  '[click](javascript:alert(document.cookie))',
  '![img](https://evil.example/x.png)',
  '<img src=x onerror=alert(1)>',
  '**bold** __bold__ *em* _em_ ~~strike~~',
  '# heading',
  '## heading ##',
  '> quote',
  '- item',
  '+ item',
  '* item',
  '1. item',
  '12) item',
  '---',
  '===',
  '    indented code',
  '```fence',
  '&lt;script&gt; &#60; &amp;',
  'https://registry.example/v2/ and www.example.com and ops@example.com',
  'line one\n# injected heading\n> injected quote\r\n- injected item',
  'trailing spaces for a hard break  \nnext',
  'back\\slash\\',
  '[ref][1]\n\n[1]: javascript:alert(1)',
  '<!-- comment -->',
  '[^1] footnote',
  'a | b | c',
];

describe('escapeMarkdownInline', () => {
  it.each(HOSTILE)('keeps %j as one paragraph of literal text', (input) => {
    const md = escapeMarkdownInline(input);
    expect(md).not.toContain('\n');
    const tokens = parseTokens(md);
    expect(tokens.map((t) => t.type)).toEqual(['content']);
        expect(tokens[0].children.map((t) => t.type)).toEqual(['paragraph']);
    const types = new Set(flatten(tokens).map((t) => t.type));
    for (const m of MARKUP) expect(types.has(m), `${m} in ${md}`).toBe(false);
    // what a renderer shows is the input, on one line
    expect(unescape(md)).toBe(toOneLine(input.replace(/\r\n?/g, "\n")));
  });

  it('strips terminal escapes, OSC 52 clipboard writes and bidi overrides', () => {
    const md = escapeMarkdownInline('\u001b[31mred\u001b[0m \u001b]52;c;cm0gLXJmIH4=\u0007copied \u202eevil\u202c');
    expect(md).toBe('red copied evil');
  });

  it('leaves ordinary text readable', () => {
    expect(escapeMarkdownInline('registry.acme.internal on 10.96.0.10:53: no such host')).toBe('registry.acme.internal on 10.96.0.10:53: no such host');
    expect(escapeMarkdownInline('libtorch_cuda.so')).toBe('libtorch_cuda.so');
    expect(escapeMarkdownInline('v0.1.0')).toBe('v0.1.0');
    expect(escapeMarkdownInline('0.1.0')).toBe('0.1.0');
  });

  it('holds for arbitrary text built from Markdown metacharacters', () => {
    const alphabet = fc.constantFrom(...'ab1 #>-+*_`~[]()!<>|&;:/\\@.=\n\t"wx'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (input) => {
        const md = escapeMarkdownInline(input);
        if (md === '') return;
        const tokens = parseTokens(md);
        expect(tokens.map((t) => t.type)).toEqual(['content']);
        expect(tokens[0].children.map((t) => t.type)).toEqual(['paragraph']);
        const types = new Set(flatten(tokens).map((t) => t.type));
        for (const m of MARKUP) expect(types.has(m), `${m} in ${JSON.stringify(md)}`).toBe(false);
        expect(unescape(md)).toBe(toOneLine(input.replace(/\r\n?/g, "\n")));
      }),
      { numRuns: 300 },
    );
  });
});

function tableCells(md: string): number[] {
  return flatten(parseTokens(md))
    .filter((t) => t.type === 'tableRow')
    .map((r) => r.children.filter((c) => c.type === 'tableData' || c.type === 'tableHeader').length);
}

describe('escapeTableCell', () => {
  it('keeps pipes and newlines inside their cell', () => {
    const row = ['ns|x', 'evil|pod\n| injected | row |', '`a|b`'].map((c) => escapeTableCell(c));
    const md = `| a | b | c |\n| --- | --- | --- |\n| ${row.join(' | ')} |\n`;
    expect(tableCells(md)).toEqual([3, 3]);
  });

  it('never gives an empty cell', () => {
    expect(escapeTableCell('')).toBe(' ');
    expect(escapeTableCell('\u001b[0m')).toBe(' ');
  });
});

function codeTextContent(md: string): string {
  const code = flatten(parseTokens(md)).find((t) => t.type === 'codeText');
  if (!code) throw new Error(`no code span in ${md}`);
  const data = code.children.filter((c) => c.type === 'codeTextData' || c.type === 'lineEnding' || c.type === 'codeTextPadding');
  // CommonMark strips one padding space on each side when both are present
  return data
    .filter((c) => c.type !== 'codeTextPadding')
    .map((c) => c.text)
    .join('');
}

describe('codeSpan', () => {
  it.each(['plain', 'a`b', '``double``', '`leading', 'trailing`', 'x ``` y', '<script>alert(1)</script>', '[x](javascript:alert(1))'])(
    'shows %j verbatim',
    (text) => {
      const md = codeSpan(text);
      const tokens = flatten(parseTokens(md));
      expect(tokens.filter((t) => t.type === 'codeText')).toHaveLength(1);
      expect(codeTextContent(md)).toBe(text);
    },
  );

  it('puts a multi-line value on one line and strips terminal controls', () => {
    expect(codeSpan('a\nb\u001b[2Jc')).toBe('`a bc`');
  });

  it('escapes pipes inside a table cell', () => {
    const md = `| a | b |\n| --- | --- |\n| ${codeSpan('x|y`|`z', { table: true })} | ok |\n`;
    expect(tableCells(md)).toEqual([2, 2]);
  });

  it('round-trips arbitrary text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'a `b|<>*_['.split('')), { minLength: 1, maxLength: 30 }).map((a) => a.join('')), (text) => {
        const expected = text.trim();
        if (expected === '') return;
        expect(codeTextContent(codeSpan(text))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

function fencedContent(md: string): { info: string; lines: string[] }[] {
  return flatten(parseTokens(md))
    .filter((t) => t.type === 'codeFenced')
    .map((t) => {
      const info = flatten(t.children).find((c) => c.type === 'codeFencedFenceInfo')?.text ?? '';
      const lines = t.children.filter((c) => c.type === 'codeFlowValue' || c.type === 'lineEnding');
      // content lines: codeFlowValue tokens; blank lines show as two line endings in a row
      const out: string[] = [];
      let current: string | undefined;
      for (const c of lines) {
        if (c.type === 'codeFlowValue') current = (current ?? '') + c.text;
        else {
          out.push(current ?? '');
          current = undefined;
        }
      }
      if (current !== undefined) out.push(current);
      // drop the line ending after the opening fence and before the closing one
      return { info, lines: out.slice(1) };
    });
}

describe('codeBlock', () => {
  it('cannot be closed by fences inside the text', () => {
    const text = 'before\n```\ninside\n````\n~~~\n<script>alert(1)</script>\nafter';
    const md = `${codeBlock(text, 'sh')}\n\n# real heading\n`;
    const blocks = fencedContent(md);
    expect(blocks).toHaveLength(1);
    expect(blocks[0].info).toBe('sh');
    expect(blocks[0].lines).toEqual(text.split('\n'));
    expect(typesOf(md).has('htmlFlow')).toBe(false);
  });

  it('normalizes line endings, expands tabs, strips trailing spaces and terminal controls', () => {
    const md = codeBlock('a\r\nb\tc  \rd\u001b]52;c;eA==\u0007e\n\n');
    expect(md).toBe('```text\na\nb       c\nde\n```');
  });

  it('keeps only safe characters in the info string', () => {
    expect(codeBlock('x', 'sh`; rm').startsWith('```shrm\n')).toBe(true);
    expect(codeBlock('x', '').startsWith('```text\n')).toBe(true);
  });

  it('round-trips arbitrary multi-line text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'a`~ #\n-<'.split('')), { maxLength: 40 }).map((a) => a.join('')), (text) => {
        const expected = text
          .split('\n')
          .map((l) => l.trimEnd());
        while (expected.length && expected[expected.length - 1] === '') expected.pop();
        while (expected.length && expected[0] === '') expected.shift();
        const blocks = fencedContent(codeBlock(text) + '\n');
        expect(blocks).toHaveLength(1);
        expect(blocks[0].lines).toEqual(expected.length ? expected : ['']);
      }),
      { numRuns: 300 },
    );
  });
});
