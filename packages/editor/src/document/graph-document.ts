/**
 * The editor's one graph document: what the user edits. Change functions
 * (`change-functions.ts`) are its only writers; React Flow's nodes and edges are derived
 * from it (`derive-flow.ts`); undo replays immer patches (`document-store.ts`).
 */
import type { InputValue } from '@latentflow/engine'

/** A position on the canvas, in flow coordinates. */
export interface Point {
  x: number
  y: number
}

/** One node: its workflow entry and its layout. */
export interface DocumentNode {
  type: string
  /** The definition version the node was saved with. */
  version?: number
  /** A display title set by the user. */
  title?: string
  /** Widget values and links (`[nodeId, outputName]`), as in the workflow format. */
  inputs: Record<string, InputValue>
  position: Point
  width?: number
  height?: number
  collapsed?: boolean
}

export interface GraphDocument {
  /** Nodes by id, in insertion order. */
  nodes: Record<string, DocumentNode>
  viewport?: { x: number; y: number; zoom: number }
  /** Seed inputs re-randomized after each queue, as `nodeId.input`. */
  randomizeSeeds: string[]
  /** The workflow's free-form metadata, kept as it was. */
  meta?: Record<string, unknown>
}

/** A document with nothing in it. */
export function emptyDocument(): GraphDocument {
  return { nodes: {}, randomizeSeeds: [] }
}
