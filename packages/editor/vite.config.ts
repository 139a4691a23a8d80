/** Builds the editor into dist/, which `latentflow serve` serves at `/`. `npm run dev` proxies the API to a running server. */
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const server = process.env.LATENTFLOW_SERVER ?? 'http://127.0.0.1:8188'
const api = ['/prompt', '/object_info', '/view', '/history', '/queue', '/interrupt', '/upload', '/latentflow']

export default defineConfig({
  plugins: [react()],
  base: './',
  resolve: {
    // The engine's sources: the editor imports its types and pure helpers only.
    alias: { '@latentflow/engine': fileURLToPath(new URL('../engine/src/index.ts', import.meta.url)) },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { ...Object.fromEntries(api.map((path) => [path, server])), '/ws': { target: server, ws: true } } },
})
