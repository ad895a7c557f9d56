import { describe, expect, it } from 'vitest'
import {
  CursorError,
  decodeCursor,
  encodeCursor,
  paginateCheckpoint,
  paginateOffset,
} from '../../../../main/sandbox/pagination'

const now = Date.parse('2030-01-01T00:00:00Z')
const items = ['e', 'a', 'd', 'c', 'b'].map((id) => ({ id }))
const ids = (list: { id: string }[]) => list.map((x) => x.id)

describe('offset pagination', () => {
  it('slices with zero-based pages and reports start, limit, total', () => {
    expect(paginateOffset(items, 1, 2)).toEqual({
      items: [items[2], items[3]],
      start: 2,
      limit: 2,
      total: 5,
    })
    expect(paginateOffset(items, 3, 2).items).toEqual([])
  })
})

describe('checkpoint pagination', () => {
  it('walks the list in id order and omits next on the last page', () => {
    const first = paginateCheckpoint(items, (x) => x.id, { take: 2, nowMs: now })
    expect(ids(first.items)).toEqual(['a', 'b'])
    const second = paginateCheckpoint(items, (x) => x.id, {
      take: 2,
      nowMs: now,
      from: first.next ?? '',
    })
    expect(ids(second.items)).toEqual(['c', 'd'])
    const third = paginateCheckpoint(items, (x) => x.id, {
      take: 2,
      nowMs: now,
      from: second.next ?? '',
    })
    expect(ids(third.items)).toEqual(['e'])
    expect(third.next).toBeUndefined()
  })

  it('does not emit next when the page ends exactly at the end', () => {
    expect(paginateCheckpoint(items, (x) => x.id, { take: 5, nowMs: now }).next).toBeUndefined()
  })

  it('neither skips nor repeats when items are deleted between pages', () => {
    const first = paginateCheckpoint(items, (x) => x.id, { take: 2, nowMs: now })
    const remaining = items.filter((x) => x.id !== 'b' && x.id !== 'c')
    const next = paginateCheckpoint(remaining, (x) => x.id, {
      take: 10,
      nowMs: now,
      from: first.next ?? '',
    })
    expect(ids(next.items)).toEqual(['d', 'e'])
  })

  it('round-trips cursors and rejects garbage and expired ones', () => {
    expect(decodeCursor(encodeCursor('abc', now), now)).toBe('abc')
    expect(() => decodeCursor('not-a-cursor', now)).toThrow(CursorError)
    expect(() => decodeCursor(Buffer.from('{"a":1}').toString('base64url'), now)).toThrow(
      CursorError,
    )
    const old = encodeCursor('abc', now - 25 * 3600 * 1000)
    expect(() => decodeCursor(old, now)).toThrow(/expired/)
  })
})
