import { describe, expect, it } from 'vitest'
import { shortcutFor } from './keyboard-shortcuts'

const key = (key: string, extra: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean; target: unknown }> = {}) =>
  ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, target: null, ...extra }) as Parameters<typeof shortcutFor>[0]

describe('keyboard shortcuts', () => {
  it('maps keys to actions', () => {
    expect(shortcutFor(key('Enter', { ctrlKey: true }))).toBe('queue')
    expect(shortcutFor(key('z', { ctrlKey: true }))).toBe('undo')
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo')
    expect(shortcutFor(key('y', { metaKey: true }))).toBe('redo')
    expect(shortcutFor(key('c', { ctrlKey: true }))).toBe('copy')
    expect(shortcutFor(key('v', { ctrlKey: true }))).toBe('paste')
    expect(shortcutFor(key('?', { shiftKey: true }))).toBe('help')
    expect(shortcutFor(key('x'))).toBeNull()
  })

  it('leaves typing in fields alone, except Ctrl+Enter', () => {
    const target = { tagName: 'TEXTAREA', isContentEditable: false }
    expect(shortcutFor(key('z', { ctrlKey: true, target }))).toBeNull()
    expect(shortcutFor(key('?', { target }))).toBeNull()
    expect(shortcutFor(key('Enter', { ctrlKey: true, target }))).toBe('queue')
  })
})
