/** What every editor component shares: the document store, the node catalog and the run state. */
import { createContext, useContext, useSyncExternalStore } from 'react'
import type { NodeCatalog } from './catalog/node-catalog'
import type { DocumentStore } from './document/document-store'
import type { GraphDocument } from './document/graph-document'
import type { RunState } from './run/run-state'

export interface EditorContextValue {
  readonly store: DocumentStore
  readonly catalog: NodeCatalog
  readonly run: RunState
}

export const EditorContext = createContext<EditorContextValue | null>(null)

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext)
  if (!value) throw new Error('useEditor outside <EditorContext.Provider>')
  return value
}

/** The current graph document (re-renders on every change). */
export function useDocument(store: DocumentStore): GraphDocument {
  return useSyncExternalStore(store.subscribe, store.getSnapshot)
}
