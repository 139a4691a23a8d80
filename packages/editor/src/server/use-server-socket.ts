/**
 * Follows the server's WebSocket (`/ws?clientId=`): JSON messages go to the run reducer, binary
 * preview frames become blob URLs. Reconnects after a second when the connection drops.
 */
import { useEffect } from 'react'
import type { RunAction } from '../run/run-state'
import { parsePreviewFrame } from './preview-frame'

export function socketUrl(clientId: string, base: string = window.location.href): string {
  const url = new URL(`ws?clientId=${encodeURIComponent(clientId)}`, base)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return url.toString()
}

export function useServerSocket(clientId: string, dispatch: (action: RunAction) => void): void {
  useEffect(() => {
    let socket: WebSocket | null = null
    let stopped = false
    let retry: ReturnType<typeof setTimeout> | undefined
    let previewUrl: string | null = null
    const open = () => {
      socket = new WebSocket(socketUrl(clientId))
      socket.binaryType = 'arraybuffer'
      socket.onmessage = (event: MessageEvent) => {
        if (typeof event.data === 'string') {
          try {
            const message = JSON.parse(event.data) as RunAction
            if (message && typeof message.type === 'string') dispatch(message)
          } catch {
            // not JSON: ignore
          }
          return
        }
        const frame = parsePreviewFrame(event.data as ArrayBuffer)
        if (!frame) return
        if (previewUrl) URL.revokeObjectURL(previewUrl)
        previewUrl = URL.createObjectURL(new Blob([frame.bytes.slice()], { type: frame.mime }))
        dispatch({ type: 'preview', url: previewUrl })
      }
      socket.onopen = () => dispatch({ type: 'socket', connected: true })
      socket.onclose = () => {
        if (stopped) return
        dispatch({ type: 'socket', connected: false })
        retry = setTimeout(open, 1000)
      }
    }
    open()
    return () => {
      stopped = true
      clearTimeout(retry)
      socket?.close()
    }
  }, [clientId, dispatch])
}
