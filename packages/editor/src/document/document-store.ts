/**
 * Holds the graph document and its undo history. Every edit is a change function run
 * through immer's `produceWithPatches`; undo applies the inverse patches, redo the patches.
 * React reads it with `useSyncExternalStore(store.subscribe, store.getSnapshot)`.
 */
import { applyPatches, enablePatches, produceWithPatches, type Patch } from 'immer'
import type { GraphDocument } from './graph-document'

enablePatches()

/** A change function: mutates the draft, or returns a whole new document. */
export type Change = (draft: GraphDocument) => GraphDocument | void

interface HistoryEntry {
  readonly patches: Patch[]
  readonly inverse: Patch[]
}

export interface ChangeOptions {
  /** Record for undo. Off for the steps of a gesture (see `changeFrom`). @default true */
  readonly record?: boolean
}

/** The most undo steps kept. */
export const UNDO_LIMIT = 200

export class DocumentStore {
  private document: GraphDocument
  private readonly past: HistoryEntry[] = []
  private future: HistoryEntry[] = []
  private readonly listeners = new Set<() => void>()

  constructor(initial: GraphDocument) {
    this.document = initial
  }

  readonly getSnapshot = (): GraphDocument => this.document

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Applies a change function; returns false when it changed nothing. */
  change(change: Change, options: ChangeOptions = {}): boolean {
    return this.changeFrom(this.document, change, options)
  }

  /**
   * Applies `change` to `base` (an earlier document) and records one undo step from there:
   * a drag moves nodes without recording, then records the whole move as one step.
   */
  changeFrom(base: GraphDocument, change: Change, options: ChangeOptions = {}): boolean {
    const [next, patches, inverse] = produceWithPatches(base, change)
    if (patches.length === 0) return false
    if (options.record !== false && patches.length > 0) {
      this.past.push({ patches, inverse })
      if (this.past.length > UNDO_LIMIT) this.past.shift()
      this.future = []
    }
    this.set(next)
    return true
  }

  get canUndo(): boolean {
    return this.past.length > 0
  }

  get canRedo(): boolean {
    return this.future.length > 0
  }

  undo(): boolean {
    const entry = this.past.pop()
    if (!entry) return false
    this.future.push(entry)
    this.set(applyPatches(this.document, entry.inverse))
    return true
  }

  redo(): boolean {
    const entry = this.future.pop()
    if (!entry) return false
    this.past.push(entry)
    this.set(applyPatches(this.document, entry.patches))
    return true
  }

  private set(next: GraphDocument): void {
    this.document = next
    for (const listener of [...this.listeners]) listener()
  }
}
