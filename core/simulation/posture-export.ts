import {
  SEVERITIES,
  shortList,
  type PostureFinding,
  type PostureMatrixRow,
  type PostureReport,
  type Severity,
} from './posture'

// The posture report as files a reviewer can keep: JSON (the report itself), Markdown (for a
// ticket or a pull request) and one self-contained HTML page (inline CSS only: no script, no
// external resource, a CSP that forbids both). Every value that comes from tenant settings is
// escaped, since client names and allow-list entries are free text.

const SEVERITY_LABEL: Record<Severity, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
}

/** How many names a matrix cell shows before "and N more". */
const CELL_NAMES = 5

/** The report as pretty-printed JSON, with a final newline. */
export function postureToJson(report: PostureReport): string {
  return `${JSON.stringify(report, null, 2)}\n`
}

// ---------------------------------------------------------------------------------------------
// Markdown

/**
 * Backslash-escapes the characters that make Markdown (GFM) syntax in running text: emphasis,
 * code, links and images, raw HTML and entities, table pipes, strikethrough; line breaks become
 * spaces. Text is never placed at the start of a line, so list and heading markers need no escape.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_[\]<>#|~&]/g, '\\$&')
}

/**
 * A code span that shows `text` literally, whatever backticks it holds. In a table cell pipes
 * are escaped as GFM requires (the escape is removed before the code span is read).
 */
export function markdownCode(text: string, inTable = false): string {
  const flat = text.replace(/\r\n?|\n/g, ' ')
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : ''
  const body = inTable ? flat.replace(/\|/g, '\\|') : flat
  return `${fence}${pad}${body}${pad}${fence}`
}

function appName(clientId: string, name: string | undefined): string {
  return name === undefined || name === clientId
    ? escapeMarkdown(clientId)
    : `${escapeMarkdown(name)} (${escapeMarkdown(clientId)})`
}

function viaText(row: PostureMatrixRow, escape: (s: string) => string): string {
  if (!row.silentRelogin) return 'no'
  if (row.silentReloginVia.includes('auth0-session')) return 'yes: Auth0 session'
  const idps = row.silentReloginVia.map((v) => v.replace(/^idp:/, ''))
  return `yes: IdP session at ${escape(shortList(idps, CELL_NAMES))}`
}

function survivorsText(row: PostureMatrixRow, escape: (s: string) => string): string {
  const n = row.survivingAppSessions.length
  return n === 0 ? 'none' : `${n}: ${escape(shortList(row.survivingAppSessions, CELL_NAMES))}`
}

function findingMeta(f: PostureFinding, names: ReadonlyMap<string, string | undefined>): string[] {
  const meta = [f.reference]
  if (f.clientId !== undefined) meta.push(appName(f.clientId, names.get(f.clientId)))
  else meta.push('tenant')
  if (f.method !== undefined) meta.push(markdownCode(f.method))
  if (f.connection !== undefined) meta.push(`connection ${markdownCode(f.connection)}`)
  if (f.entry !== undefined) meta.push(`entry ${markdownCode(f.entry)}`)
  meta.push(markdownCode(f.id))
  return meta
}

/** The report as GitHub-flavoured Markdown: summary, per-application counts, matrix, findings. */
export function postureToMarkdown(report: PostureReport): string {
  const { summary } = report
  const names = new Map(summary.byClient.map((c) => [c.clientId, c.name]))
  const out: string[] = []
  const domain = report.tenant.domain
  out.push(
    `# Logout posture report${domain === undefined ? '' : `: ${escapeMarkdown(domain)}`}`,
    '',
    `${summary.applications} applications (${summary.interactiveApplications} that users log in to), ${summary.connections} connections (${summary.identityProviderConnections} with an identity-provider session), ${summary.findings} findings. Sections (§) refer to the Auth0 sessions and logout reference notes.`,
    '',
    '| Severity | Findings |',
    '| --- | ---: |',
    ...SEVERITIES.map((s) => `| ${SEVERITY_LABEL[s]} | ${summary.bySeverity[s]} |`),
    '',
    '## Applications',
    '',
    '| Application | High | Medium | Low | Info |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| Tenant-wide | ${summary.tenant.high} | ${summary.tenant.medium} | ${summary.tenant.low} | ${summary.tenant.info} |`,
    ...summary.byClient.map(
      (c) => `| ${appName(c.clientId, c.name)} | ${c.high} | ${c.medium} | ${c.low} | ${c.info} |`,
    ),
    '',
    '## Logout matrix',
    '',
    'What each way of logging out leaves behind. "App sessions that survive": other applications whose session, where the user has one, is not ended (no back-channel logout, or nothing sent to Auth0).',
    '',
    '| Application | Method | Ends Auth0 session | Silent re-login | IdP sessions ended | App sessions that survive | Refresh tokens survive | Default redirect |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  )
  for (const row of report.matrix) {
    const ended =
      row.idpSessionsEnded.length === 0
        ? 'none'
        : escapeMarkdown(shortList(row.idpSessionsEnded, CELL_NAMES))
    const redirect = row.defaultRedirect === null ? 'none' : markdownCode(row.defaultRedirect, true)
    out.push(
      `| ${appName(row.clientId, row.name)} | ${markdownCode(row.method, true)} | ${row.endsAuth0Session ? 'yes' : 'no'} | ${viaText(row, escapeMarkdown)} | ${ended} | ${survivorsText(row, escapeMarkdown)} | ${row.refreshTokensSurvive ? 'yes' : 'no'} | ${redirect} |`,
    )
  }
  out.push('', '## Findings')
  for (const severity of SEVERITIES) {
    const list = report.findings.filter((f) => f.severity === severity)
    if (list.length === 0) continue
    out.push('', `### ${SEVERITY_LABEL[severity]} (${list.length})`, '')
    for (const f of list) {
      out.push(
        `- **${escapeMarkdown(f.title)}** · ${findingMeta(f, names).join(' · ')}`,
        `  - ${escapeMarkdown(f.detail)}`,
        `  - Fix: ${escapeMarkdown(f.fix)}`,
      )
    }
  }
  return `${out.join('\n')}\n`
}

// ---------------------------------------------------------------------------------------------
// HTML

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c)
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d2125;background:#fff}
h1{font-size:1.5rem}h2{margin-top:2rem;font-size:1.2rem}h3{font-size:1.05rem}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #d0d4d9;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}td.n{text-align:right}
code{font-family:ui-monospace,monospace;font-size:.92em;background:#f3f5f7;padding:0 .2em;word-break:break-all}
.sev{display:inline-block;min-width:4.5em;padding:0 .4em;border-radius:3px;font-weight:600;text-align:center}
.sev-high{background:#fde2e1;color:#8a1c16}.sev-medium{background:#fff0cc;color:#6b4a00}
.sev-low{background:#e3eefc;color:#1d4b8f}.sev-info{background:#eceff2;color:#3a4148}
td.bad{background:#fdf0ef}td.ok{background:#eef8f0}
.finding{border-left:4px solid #d0d4d9;padding:.25rem .75rem;margin:.75rem 0}
.finding.high{border-color:#c9372c}.finding.medium{border-color:#d69e00}
.finding.low{border-color:#2f6fce}.finding.info{border-color:#8590a2}
.meta{color:#505a64;font-size:.9em}
@media print{.finding{break-inside:avoid}}
`

function htmlApp(clientId: string, name: string | undefined): string {
  return name === undefined || name === clientId
    ? `<code>${escapeHtml(clientId)}</code>`
    : `${escapeHtml(name)} <code>${escapeHtml(clientId)}</code>`
}

function severityBadge(severity: Severity): string {
  return `<span class="sev sev-${severity}">${SEVERITY_LABEL[severity]}</span>`
}

function htmlMatrixRow(row: PostureMatrixRow): string {
  const cells = [
    htmlApp(row.clientId, row.name),
    `<code>${escapeHtml(row.method)}</code>`,
    row.endsAuth0Session ? 'yes' : 'no',
  ]
  const relogin = `<td class="${row.silentRelogin ? 'bad' : 'ok'}">${viaText(row, escapeHtml)}</td>`
  const ended =
    row.idpSessionsEnded.length === 0
      ? 'none'
      : escapeHtml(shortList(row.idpSessionsEnded, CELL_NAMES))
  const survivors = `<td class="${row.survivingAppSessions.length > 0 ? 'bad' : 'ok'}">${survivorsText(row, escapeHtml)}</td>`
  const tokens = `<td class="${row.refreshTokensSurvive ? 'bad' : 'ok'}">${row.refreshTokensSurvive ? 'yes' : 'no'}</td>`
  const redirect =
    row.defaultRedirect === null ? 'none' : `<code>${escapeHtml(row.defaultRedirect)}</code>`
  const worst = row.worst === null ? '' : severityBadge(row.worst)
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}${relogin}<td>${ended}</td>${survivors}${tokens}<td>${redirect}</td><td>${worst}</td></tr>`
}

function htmlFinding(f: PostureFinding, names: ReadonlyMap<string, string | undefined>): string {
  const meta = [escapeHtml(f.reference)]
  meta.push(f.clientId === undefined ? 'tenant' : htmlApp(f.clientId, names.get(f.clientId)))
  if (f.method !== undefined) meta.push(`<code>${escapeHtml(f.method)}</code>`)
  if (f.connection !== undefined) meta.push(`connection <code>${escapeHtml(f.connection)}</code>`)
  if (f.entry !== undefined) meta.push(`entry <code>${escapeHtml(f.entry)}</code>`)
  meta.push(`<code>${escapeHtml(f.id)}</code>`)
  return `<div class="finding ${f.severity}"><h3>${severityBadge(f.severity)} ${escapeHtml(f.title)}</h3><p class="meta">${meta.join(' · ')}</p><p>${escapeHtml(f.detail)}</p><p><strong>Fix:</strong> ${escapeHtml(f.fix)}</p></div>`
}

/**
 * The report as one self-contained HTML page: inline CSS, no script, no external resource (its
 * Content-Security-Policy forbids both), every tenant-supplied value escaped.
 */
export function postureToHtml(report: PostureReport): string {
  const { summary } = report
  const names = new Map(summary.byClient.map((c) => [c.clientId, c.name]))
  const domain = report.tenant.domain
  const title = `Logout posture report${domain === undefined ? '' : `: ${domain}`}`
  const countRow = (label: string, c: Record<Severity, number>) =>
    `<tr><td>${label}</td>${SEVERITIES.map((s) => `<td class="n">${c[s]}</td>`).join('')}</tr>`
  const parts: string[] = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${summary.applications} applications (${summary.interactiveApplications} that users log in to), ${summary.connections} connections (${summary.identityProviderConnections} with an identity-provider session), ${summary.findings} findings. Sections (§) refer to the Auth0 sessions and logout reference notes.</p>`,
    '<table><thead><tr><th>Severity</th><th>Findings</th></tr></thead><tbody>',
    ...SEVERITIES.map(
      (s) => `<tr><td>${severityBadge(s)}</td><td class="n">${summary.bySeverity[s]}</td></tr>`,
    ),
    '</tbody></table>',
    '<h2>Applications</h2>',
    `<table><thead><tr><th>Application</th>${SEVERITIES.map((s) => `<th>${SEVERITY_LABEL[s]}</th>`).join('')}</tr></thead><tbody>`,
    countRow('Tenant-wide', summary.tenant),
    ...summary.byClient.map((c) => countRow(htmlApp(c.clientId, c.name), c)),
    '</tbody></table>',
    '<h2>Logout matrix</h2>',
    '<p>What each way of logging out leaves behind. "App sessions that survive": other applications whose session, where the user has one, is not ended (no back-channel logout, or nothing sent to Auth0).</p>',
    '<table><thead><tr><th>Application</th><th>Method</th><th>Ends Auth0 session</th><th>Silent re-login</th><th>IdP sessions ended</th><th>App sessions that survive</th><th>Refresh tokens survive</th><th>Default redirect</th><th>Worst</th></tr></thead><tbody>',
    ...report.matrix.map(htmlMatrixRow),
    '</tbody></table>',
    '<h2>Findings</h2>',
  ]
  for (const severity of SEVERITIES) {
    const list = report.findings.filter((f) => f.severity === severity)
    if (list.length === 0) continue
    parts.push(`<h2>${SEVERITY_LABEL[severity]} (${list.length})</h2>`)
    for (const f of list) parts.push(htmlFinding(f, names))
  }
  parts.push('</body>', '</html>')
  return `${parts.join('\n')}\n`
}
