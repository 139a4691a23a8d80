/**
 * `/`: the editor's static build (`packages/editor/dist`) when it exists, else a small page
 * saying it is not built and pointing at the API.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import express, { Router } from 'express'

/** packages/editor/dist, at the same depth from src/ and dist/. */
export const EDITOR_DIST_DIR = fileURLToPath(new URL('../../../../editor/dist', import.meta.url))

const PLACEHOLDER = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Latentflow</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:4em auto;padding:0 1em;color:#222}code{background:#eee;padding:0 .3em}</style></head>
<body>
<h1>Latentflow</h1>
<p>The server is running, but the editor is not built (<code>packages/editor/dist</code> is missing).</p>
<p>The ComfyUI-compatible API is here: try <a href="system_stats">/system_stats</a>, <a href="object_info">/object_info</a>,
<a href="queue">/queue</a> and <a href="history">/history</a>; queue a workflow with <code>POST /prompt</code>,
follow it on the WebSocket <code>/ws?clientId=&lt;id&gt;</code>. See <code>docs/api.md</code>.</p>
</body>
</html>
`

export function editorRoute(editorDir: string = EDITOR_DIST_DIR): Router {
  const router = Router()
  if (existsSync(path.join(editorDir, 'index.html'))) {
    router.use(express.static(editorDir, { index: 'index.html', dotfiles: 'ignore' }))
    return router
  }
  router.get('/', (_req, res) => {
    res.status(200).type('html').send(PLACEHOLDER)
  })
  return router
}
