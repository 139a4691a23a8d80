/**
 * Starts the editor: the node catalog from the server, then the last autosaved graph, or
 * (first visit) the default text-to-image workflow.
 */
import { useEffect, useState } from 'react'
import { createCatalog, type NodeCatalog } from './catalog/node-catalog'
import { loadAutosave } from './document/autosave'
import { DocumentStore } from './document/document-store'
import { workflowToDocument } from './document/workflow-conversion'
import { Editor } from './editor'
import { fetchDefaultWorkflow, fetchNodeCatalog } from './server/server-api'

type Loaded = { readonly store: DocumentStore; readonly catalog: NodeCatalog } | { readonly error: string }

async function load(): Promise<Loaded> {
  const catalog = createCatalog(await fetchNodeCatalog())
  const workflow = loadAutosave() ?? (await fetchDefaultWorkflow())
  return { store: new DocumentStore(workflowToDocument(workflow)), catalog }
}

export function App() {
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  useEffect(() => {
    load().then(setLoaded, (error: Error) => setLoaded({ error: error.message }))
  }, [])
  if (!loaded) return <div className="lf-splash">Loading Latentflow…</div>
  if ('error' in loaded) return <div className="lf-splash lf-splash-error">Cannot reach the Latentflow server: {loaded.error}</div>
  return <Editor store={loaded.store} catalog={loaded.catalog} />
}
