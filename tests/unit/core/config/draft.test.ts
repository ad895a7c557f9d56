import { describe, expect, it } from 'vitest'
import {
  applyEdits,
  canRedo,
  canUndo,
  draftChanges,
  hasUnpushedChanges,
  MAX_UNDO,
  newDraft,
  redo,
  setField,
  undo,
} from '../../../../core/config/draft'
import { ACME } from './builders'

// Drafts: every edit undoable, nothing mutated in place (the saver may be writing the previous
// version while the editor makes the next one), and the history bounded.

const PORTAL = 'clients/Portal'
const URLS = 'allowed_logout_urls'
const edit = (after: string[] | null) => [{ resource: PORTAL, field: URLS, after }]

describe('newDraft', () => {
  it('starts as a copy of the snapshot with no history and no changes', () => {
    const draft = newDraft(ACME)
    expect(draft.config).toEqual(ACME)
    expect(draft.config).not.toBe(ACME)
    expect(draft.basePulledAt).toBe('2026-03-01T10:00:00Z')
    expect([canUndo(draft), canRedo(draft), hasUnpushedChanges(draft, ACME)]).toEqual([
      false,
      false,
      false,
    ])
  })
})

describe('edit, undo, redo', () => {
  it('an edit changes the field, records what it replaced and can be undone and redone', () => {
    const d0 = newDraft(ACME)
    const d1 = applyEdits(d0, edit(['https://portal.example.com/new']))
    expect(d1.config.resources[PORTAL]?.fields[URLS]).toEqual(['https://portal.example.com/new'])
    expect(d1.undo).toEqual([
      [
        {
          resource: PORTAL,
          field: URLS,
          before: ['https://portal.example.com/bye'],
          after: ['https://portal.example.com/new'],
        },
      ],
    ])
    expect(draftChanges(d1, ACME)).toMatchObject([{ resource: PORTAL, field: URLS }])

    const d2 = undo(d1)
    expect(d2.config).toEqual(ACME)
    expect(hasUnpushedChanges(d2, ACME)).toBe(false)
    expect(canRedo(d2)).toBe(true)

    const d3 = redo(d2)
    expect(d3.config).toEqual(d1.config)
    expect(canRedo(d3)).toBe(false)
  })

  it('never mutates the draft or the snapshot it is given', () => {
    const d0 = newDraft(ACME)
    const frozen = structuredClone(d0)
    const d1 = applyEdits(d0, edit(['https://x.example.com']))
    undo(d1)
    expect(d0).toEqual(frozen)
    expect(ACME.resources[PORTAL]?.fields[URLS]).toEqual(['https://portal.example.com/bye'])
  })

  it('one user action with several fields is one undo step, undone in reverse order', () => {
    const d1 = applyEdits(newDraft(ACME), [
      { resource: PORTAL, field: URLS, after: ['https://a.example.com'] },
      { resource: PORTAL, field: URLS, after: ['https://b.example.com'] },
      { resource: 'tenant', field: 'session_lifetime', after: 4_320 },
    ])
    expect(d1.undo).toHaveLength(1)
    expect(d1.config.resources[PORTAL]?.fields[URLS]).toEqual(['https://b.example.com'])
    expect(undo(d1).config).toEqual(ACME)
  })

  it('removing a field (null) is undoable too', () => {
    const d1 = applyEdits(newDraft(ACME), edit(null))
    expect(d1.config.resources[PORTAL]?.fields).not.toHaveProperty(URLS)
    expect(undo(d1).config).toEqual(ACME)
  })

  it('an edit that changes nothing leaves the draft (and its redo) as it was', () => {
    const d1 = undo(applyEdits(newDraft(ACME), edit(['https://x.example.com'])))
    expect(applyEdits(d1, edit(['https://portal.example.com/bye']))).toBe(d1)
    expect(applyEdits(d1, [{ resource: 'nonsense', field: URLS, after: ['x'] }])).toBe(d1)
    expect(canRedo(d1)).toBe(true)
  })

  it('a new edit after an undo clears redo', () => {
    const d1 = undo(applyEdits(newDraft(ACME), edit(['https://x.example.com'])))
    const d2 = applyEdits(d1, edit(['https://y.example.com']))
    expect(canRedo(d2)).toBe(false)
    expect(redo(d2)).toBe(d2)
  })

  it('undo and redo with nothing to do return the same draft', () => {
    const d0 = newDraft(ACME)
    expect(undo(d0)).toBe(d0)
    expect(redo(d0)).toBe(d0)
  })

  it(`keeps the last ${MAX_UNDO} actions, dropping the oldest`, () => {
    let draft = newDraft(ACME)
    for (let i = 1; i <= MAX_UNDO + 5; i++) {
      draft = applyEdits(draft, [{ resource: 'tenant', field: 'session_lifetime', after: i }])
    }
    expect(draft.undo).toHaveLength(MAX_UNDO)
    expect(draft.undo[0]?.[0]?.before).toBe(5)
    for (let i = 0; i < MAX_UNDO; i++) draft = undo(draft)
    expect(draft.config.resources.tenant?.fields.session_lifetime).toBe(5)
    expect(canUndo(draft)).toBe(false)
    expect(draft.redo).toHaveLength(MAX_UNDO)
  })
})

describe('setField', () => {
  it('shares what it did not change', () => {
    const next = setField(ACME, PORTAL, URLS, ['https://x.example.com'])
    expect(next.resources['clients/Shop']).toBe(ACME.resources['clients/Shop'])
    expect(next.resources.tenant).toBe(ACME.resources.tenant)
  })

  it('creates a resource named by its key, and ignores keys of no known kind', () => {
    const next = setField(ACME, 'clients/New', URLS, ['https://new.example.com'])
    expect(next.resources['clients/New']).toEqual({
      kind: 'clients',
      name: 'New',
      context: {},
      fields: { [URLS]: ['https://new.example.com'] },
    })
    expect(setField(ACME, 'rules/x', URLS, ['https://x.example.com'])).toBe(ACME)
    expect(setField(ACME, 'clients/', URLS, ['https://x.example.com'])).toBe(ACME)
  })
})
