import { describe, expect, it } from 'vitest'
import { buildPostureReport, type PostureScenario } from '../../../../core/simulation/posture'
import {
  escapeHtml,
  escapeMarkdown,
  markdownCode,
  postureToHtml,
  postureToJson,
  postureToMarkdown,
} from '../../../../core/simulation/posture-export'

// Exports of the posture report. Client names, connection names and allow-list entries are free
// text from tenant settings, so every export is tested with hostile values.

const HOSTILE_NAME =
  '<script>alert("x")</script> | *bold* [link](javascript:alert(1)) & `tick`\n# Heading'
const HOSTILE_ENTRY = 'https://x.example.com/"><img src=x onerror=alert(1)>|`'

const hostile = (): PostureScenario => ({
  tenant: { domain: 'acme<b>.us.auth0.com', allowed_logout_urls: [HOSTILE_ENTRY] },
  clients: [
    {
      client_id: 'A|1',
      name: HOSTILE_NAME,
      app_type: 'spa',
      allowed_logout_urls: ['https://*.herokuapp.com/bye', HOSTILE_ENTRY],
    },
    { client_id: 'B', name: 'Billing', app_type: 'regular_web', allowed_logout_urls: [] },
  ],
  connections: [
    { name: 'google-<oauth2>', strategy: 'google-oauth2', options: {} },
    { name: 'corp', strategy: 'samlp', options: { disableSignout: true } },
  ],
})

const report = buildPostureReport(hostile())

describe('postureToJson', () => {
  it('is the report, pretty-printed, with a final newline', () => {
    const json = postureToJson(report)
    expect(json.endsWith('}\n')).toBe(true)
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)))
  })
})

describe('escapeHtml', () => {
  it.each([
    ['<script>', '&lt;script&gt;'],
    ['a & b', 'a &amp; b'],
    ['"quoted"', '&quot;quoted&quot;'],
    ["it's", 'it&#39;s'],
    ['&amp;', '&amp;amp;'],
    ['plain text', 'plain text'],
  ])('escapes %s', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected)
  })
})

describe('postureToHtml', () => {
  const html = postureToHtml(report)

  it('is one self-contained page: no script, no external resource, a CSP forbidding both', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`)
    // Escaped text holds no "<", so every tag in the page is one the exporter wrote.
    const tags = [...html.matchAll(/<([a-z0-9!]+)([^>]*)>/gi)]
    const names = new Set(tags.map((t) => (t[1] ?? '').toLowerCase()))
    const allowed = ['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3']
    allowed.push('p', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'span', 'div', 'strong')
    expect([...names].filter((n) => !allowed.includes(n))).toEqual([])
    for (const [tag, , attributes = ''] of tags) {
      expect(attributes, tag).not.toMatch(/\b(src|href|action|on[a-z]+)\s*=/i)
    }
    expect(html).not.toMatch(/url\(|@import/i)
  })

  it('escapes tenant-supplied text everywhere it appears', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(html).toContain('acme&lt;b&gt;.us.auth0.com')
    expect(html).toContain('google-&lt;oauth2&gt;')
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;')
    expect(html).not.toContain('<b>')
    expect(html).not.toContain('"><img')
  })

  it('shows the matrix and every finding', () => {
    expect(html.match(/<tr><td>/g)?.length).toBeGreaterThanOrEqual(report.matrix.length)
    expect(html.match(/class="finding /g)).toHaveLength(report.findings.length)
  })
})

describe('escapeMarkdown', () => {
  it.each([
    ['a|b', 'a\\|b'],
    ['*bold* _em_', '\\*bold\\* \\_em\\_'],
    ['[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['<b>hi</b>', '\\<b\\>hi\\</b\\>'],
    ['`code`', '\\`code\\`'],
    ['&amp;', '\\&amp;'],
    ['back\\slash', 'back\\\\slash'],
    ['~~strike~~', '\\~\\~strike\\~\\~'],
    ['line\n# heading\r\nnext', 'line \\# heading next'],
    ['plain text (with parentheses) - ok.', 'plain text (with parentheses) - ok.'],
  ])('escapes %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected)
  })
})

describe('markdownCode', () => {
  it.each([
    ['https://a.example.com/bye', false, '`https://a.example.com/bye`'],
    ['a`b', false, '``a`b``'],
    ['`start', false, '`` `start ``'],
    ['a``b', false, '```a``b```'],
    ['a|b', true, '`a\\|b`'],
    ['a|b', false, '`a|b`'],
    ['two\nlines', false, '`two lines`'],
  ])('wraps %j (table: %s)', (input, inTable, expected) => {
    expect(markdownCode(input, inTable)).toBe(expected)
  })
})

/** The text with backslash escapes and code spans removed: what Markdown would still interpret. */
function withoutCodeSpans(text: string): string {
  const unescaped = text.replace(/\\[\s\S]/g, '')
  let out = ''
  let i = 0
  while (i < unescaped.length) {
    const run = /^`+/.exec(unescaped.slice(i))?.[0]
    if (run === undefined) {
      out += unescaped[i] ?? ''
      i += 1
      continue
    }
    const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g')
    close.lastIndex = i + run.length
    const end = close.exec(unescaped)
    i = end === null ? unescaped.length : end.index + run.length
  }
  return out
}

/** Splits a GFM table row into cells, honouring backslash escapes. */
function cells(line: string): string[] {
  const out: string[] = []
  let current = ''
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '\\') {
      current += c + (line[i + 1] ?? '')
      i += 1
    } else if (c === '|') {
      out.push(current)
      current = ''
    } else {
      current += c
    }
  }
  out.push(current)
  return out.slice(1, -1)
}

describe('postureToMarkdown', () => {
  const md = postureToMarkdown(report)
  const lines = md.split('\n')

  it('keeps every table row as wide as its header, whatever the names hold', () => {
    let width = 0
    for (const line of lines) {
      if (!line.startsWith('|')) {
        width = 0
        continue
      }
      const n = cells(line).length
      if (width === 0) width = n
      expect(n, line).toBe(width)
    }
  })

  it('lets no tenant-supplied text become HTML, a link, emphasis or a heading', () => {
    // Outside code spans (shown literally), no unescaped HTML, link or emphasis remains.
    const prose = withoutCodeSpans(md)
    expect(prose).not.toMatch(/<|\[|\]|\*bold/)
    expect(md).not.toMatch(/^# Heading/m)
    expect(md).toContain('\\<script\\>')
    expect(md).toContain('\\*bold\\*')
    // Allow-list entries appear as code spans, with pipes escaped inside table cells.
    expect(md).toContain('`` https://x.example.com/"><img src=x onerror=alert(1)>|` ``')
  })

  it('lists the summary, the matrix and every finding', () => {
    expect(lines[0]).toBe('# Logout posture report: acme\\<b\\>.us.auth0.com')
    expect(lines.filter((l) => l.startsWith('- **'))).toHaveLength(report.findings.length)
    const matrixHeader = lines.findIndex((l) => l.startsWith('| Application | Method |'))
    expect(matrixHeader).toBeGreaterThan(0)
    expect(lines.slice(matrixHeader + 2).findIndex((l) => !l.startsWith('|'))).toBe(
      report.matrix.length,
    )
  })

  it('is deterministic', () => {
    expect(postureToMarkdown(buildPostureReport(hostile()))).toBe(md)
    expect(postureToHtml(buildPostureReport(hostile()))).toBe(postureToHtml(report))
  })
})
