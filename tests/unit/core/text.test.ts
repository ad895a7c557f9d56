import { describe, expect, it } from 'vitest'
import { clause, joinWords, plural, sentence } from '../../../core/text'

describe('words', () => {
  it('counts with the right noun', () => {
    expect(plural(1, 'session')).toBe('1 session')
    expect(plural(0, 'session')).toBe('0 sessions')
    expect(plural(2, 'session stays', 'sessions stay')).toBe('2 sessions stay')
  })

  it('makes a sentence end once, and a clause not at all', () => {
    expect(sentence('Missing scope')).toBe('Missing scope.')
    expect(sentence('Missing scope.')).toBe('Missing scope.')
    expect(sentence('Really?')).toBe('Really?')
    expect(clause('Missing scope. ')).toBe('Missing scope')
    expect(clause('Missing scope')).toBe('Missing scope')
  })

  it('joins lists in words', () => {
    expect(joinWords([])).toBe('')
    expect(joinWords(['a'])).toBe('a')
    expect(joinWords(['a', 'b'])).toBe('a and b')
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c')
  })
})
