import { formatScenarioError, parseScenario } from './scenario-schema'
import type { Scenario } from './types'

// Scenario files as text. The contract writes its examples as JSON with comments, and "every
// example in this file must run through the CLI as written", so `//` and `/* */` comments outside
// strings are accepted; everything else must be plain JSON.

/** A scenario read from text, or one line saying what is wrong with the text. */
export type ScenarioTextResult =
  { ok: true; scenario: Scenario } | { ok: false; kind: 'json' | 'invalid'; message: string }

/**
 * Replaces `//` and `/* *\/` comments outside JSON strings with spaces, keeping every line break,
 * so positions in error messages still point at the right line and column.
 */
export function stripJsonComments(text: string): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const ch = text[i]
    if (ch === '"') {
      let j = i + 1
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1
      out += text.slice(i, j + 1)
      i = j + 1
    } else if (ch === '/' && text[i + 1] === '/') {
      let j = i
      while (j < text.length && text[j] !== '\n') j += 1
      out += ' '.repeat(j - i)
      i = j
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2)
      const j = end < 0 ? text.length : end + 2
      out += text.slice(i, j).replace(/[^\n]/g, ' ')
      i = j
    } else {
      out += ch
      i += 1
    }
  }
  return out
}

/** `line L, column C` of a character offset. */
function positionOf(text: string, offset: number): string {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return `line ${line}, column ${column}`
}

/**
 * Offset of the first JSON syntax error, found by a small recursive-descent scan; JSON.parse
 * does not always say where (V8 echoes the text instead). -1 when the scan finds none.
 */
export function jsonErrorOffset(text: string): number {
  class SyntaxAt extends Error {
    constructor(readonly offset: number) {
      super(`JSON syntax error at ${offset}`)
    }
  }
  let i = 0
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i += 1
  }
  const fail = (): never => {
    throw new SyntaxAt(i)
  }
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length
    else fail()
  }
  const string = () => {
    i += 1
    while (i < text.length && text[i] !== '"') {
      const ch = text.charCodeAt(i)
      if (ch < 0x20) fail()
      if (text[i] === '\\') {
        const next = text[i + 1] ?? ''
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail()
          i += 6
          continue
        }
        if (!'"\\/bfnrt'.includes(next) || next === '') {
          i += 1
          fail()
        }
        i += 2
        continue
      }
      i += 1
    }
    if (i >= text.length) fail()
    i += 1
  }
  const value = (): void => {
    space()
    const ch = text[i]
    if (ch === '{') {
      i += 1
      space()
      if (text[i] === '}') {
        i += 1
        return
      }
      for (;;) {
        space()
        if (text[i] !== '"') fail()
        string()
        space()
        if (text[i] !== ':') fail()
        i += 1
        value()
        space()
        if (text[i] === ',') i += 1
        else if (text[i] === '}') {
          i += 1
          return
        } else fail()
      }
    }
    if (ch === '[') {
      i += 1
      space()
      if (text[i] === ']') {
        i += 1
        return
      }
      for (;;) {
        value()
        space()
        if (text[i] === ',') i += 1
        else if (text[i] === ']') {
          i += 1
          return
        } else fail()
      }
    }
    if (ch === '"') return string()
    if (ch === 't') return literal('true')
    if (ch === 'f') return literal('false')
    if (ch === 'n') return literal('null')
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (number === null) fail()
    i += number?.[0].length ?? 0
  }
  try {
    value()
    space()
    if (i < text.length) fail()
    return -1
  } catch (err) {
    // Anything else (a stack overflow on absurdly deep nesting) leaves the position unknown.
    return err instanceof SyntaxAt ? err.offset : -1
  }
}

/** JSON.parse's message on one line, without the echo of the input, with line and column. */
function jsonMessage(err: unknown, text: string): string {
  const raw = err instanceof Error ? err.message : String(err)
  const base = raw
    .replace(/, (?:\.\.\.)?"[\s\S]* is not valid JSON$/, '')
    .replace(/( in JSON)? at position \d+[\s\S]*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
  const offset = jsonErrorOffset(text)
  if (offset < 0) return base
  return offset >= text.length
    ? `${base} (the text ends too early)`
    : `${base} at ${positionOf(text, offset)}`
}

/** Parses scenario text (JSON, comments allowed) and validates it. Never throws. */
export function parseScenarioText(text: string): ScenarioTextResult {
  const source = text.replace(/^\uFEFF/, '')
  let value: unknown
  try {
    value = JSON.parse(stripJsonComments(source))
  } catch (err) {
    const message = jsonMessage(err, stripJsonComments(source))
    return { ok: false, kind: 'json', message: `not valid JSON: ${message}` }
  }
  const parsed = parseScenario(value)
  return parsed.ok
    ? parsed
    : {
        ok: false,
        kind: 'invalid',
        message: `invalid scenario at ${formatScenarioError(parsed.error)}`,
      }
}
