/** Keeps the last graph in localStorage, so a later visit restores it. */
import type { Workflow } from '@latentflow/engine'
import type { DocumentStore } from './document-store'
import { documentToWorkflow } from './workflow-conversion'

export const AUTOSAVE_KEY = 'latentflow.workflow'

/** The autosaved workflow, or null (none, or unreadable). */
export function loadAutosave(storage: Pick<Storage, 'getItem'> = localStorage): Workflow | null {
  try {
    const text = storage.getItem(AUTOSAVE_KEY)
    if (!text) return null
    const value = JSON.parse(text) as Workflow
    return value && typeof value === 'object' && typeof value.nodes === 'object' ? value : null
  } catch {
    return null
  }
}

/** Saves the document a moment after each change; returns the unsubscribe. */
export function startAutosave(store: DocumentStore, storage: Pick<Storage, 'setItem'> = localStorage, delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const save = () => {
    try {
      storage.setItem(AUTOSAVE_KEY, JSON.stringify(documentToWorkflow(store.getSnapshot())))
    } catch {
      // storage full or disabled: the editor still works
    }
  }
  const unsubscribe = store.subscribe(() => {
    clearTimeout(timer)
    timer = setTimeout(save, delayMs)
  })
  return () => {
    clearTimeout(timer)
    save()
    unsubscribe()
  }
}
