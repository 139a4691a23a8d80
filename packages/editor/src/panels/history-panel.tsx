/**
 * The queue and the history: the running prompt (interrupt), waiting ones (cancel), and the
 * latest finished ones with their images. Refetched whenever the server says the queue moved.
 */
import { useEffect, useState } from 'react'
import { deleteQueued, fetchHistory, fetchQueue, interruptPrompt, viewUrl, type HistoryEntry, type QueueItem } from '../server/server-api'

export interface HistoryPanelProps {
  /** Changes whenever the queue or history may have changed. */
  readonly revision: number
  /** Opens the graph a history entry ran (its prompt, in ComfyUI's API format with Latentflow's `_meta`). */
  readonly onLoadPrompt: (prompt: unknown) => void
}

export function HistoryPanel({ revision, onLoadPrompt }: HistoryPanelProps) {
  const [running, setRunning] = useState<readonly QueueItem[]>([])
  const [pending, setPending] = useState<readonly QueueItem[]>([])
  const [history, setHistory] = useState<readonly [string, HistoryEntry][]>([])
  const [tick, setTick] = useState(0)
  const [open, setOpen] = useState(true)
  useEffect(() => {
    let live = true
    fetchQueue()
      .then((queue) => {
        if (!live) return
        setRunning(queue.queue_running)
        setPending(queue.queue_pending)
      })
      .catch(() => {})
    fetchHistory(20)
      .then((entries) => live && setHistory(Object.entries(entries).reverse()))
      .catch(() => {})
    return () => {
      live = false
    }
  }, [revision, tick])
  const refresh = () => setTick((value) => value + 1)
  return (
    <aside className={`lf-history${open ? '' : ' closed'}`} data-testid="history-panel" aria-label="Queue and history">
      <header>
        <button type="button" className="lf-history-toggle" onClick={() => setOpen(!open)} title={open ? 'Hide' : 'Show the queue and history'}>
          {open ? '▸' : '◂'}
        </button>
        {open ? <strong>Queue &amp; history</strong> : null}
      </header>
      {open ? (
        <>
          <section>
            <h3>Running</h3>
            {running.length === 0 ? <p className="lf-muted">Nothing running</p> : null}
            {running.map((item) => (
              <div className="lf-queue-item running" key={item[1]} data-testid="queue-running">
                <span title={item[1]}>#{item[0]} {item[1].slice(0, 8)}</span>
                <button type="button" data-testid="interrupt-button" onClick={() => void interruptPrompt().then(refresh)}>
                  Interrupt
                </button>
              </div>
            ))}
          </section>
          <section>
            <h3>Waiting ({pending.length})</h3>
            {pending.map((item) => (
              <div className="lf-queue-item" key={item[1]} data-testid="queue-pending">
                <span title={item[1]}>#{item[0]} {item[1].slice(0, 8)}</span>
                <button type="button" data-testid="cancel-button" title="Remove from the queue" onClick={() => void deleteQueued([item[1]]).then(refresh)}>
                  Cancel
                </button>
              </div>
            ))}
          </section>
          <section>
            <h3>History</h3>
            {history.length === 0 ? <p className="lf-muted">No finished prompts yet</p> : null}
            {history.map(([id, entry]) => {
              const images = Object.values(entry.outputs ?? {}).flatMap((output) => output.images ?? [])
              const interrupted = entry.status?.messages?.some(([type]) => type === 'execution_interrupted') === true
              const status = interrupted ? 'interrupted' : (entry.status?.status_str ?? 'unknown')
              return (
                <div className={`lf-history-item ${status}`} key={id} data-testid="history-item">
                  <div className="lf-history-status">
                    {status} <small title={id}>{id.slice(0, 8)}</small>
                    {entry.prompt?.[2] ? (
                      <button type="button" className="lf-history-load" data-testid="history-load" title="Open the graph that ran" onClick={() => onLoadPrompt(entry.prompt![2])}>
                        Load
                      </button>
                    ) : null}
                  </div>
                  <div className="lf-history-images">
                    {images.map((image) => (
                      <a key={`${image.type}/${image.subfolder}/${image.filename}`} href={viewUrl(image)} target="_blank" rel="noreferrer">
                        <img src={viewUrl(image)} alt={image.filename} title={image.filename} />
                      </a>
                    ))}
                  </div>
                </div>
              )
            })}
          </section>
        </>
      ) : null}
    </aside>
  )
}
