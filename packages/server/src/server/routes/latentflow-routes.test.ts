import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { createRegistry, defineNode, int } from '@latentflow/engine'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorHandler } from '../http/api-error.js'
import type { ServerContext } from '../server-context.js'
import { latentflowRoutes } from './latentflow-routes.js'

const Width = defineNode({
  type: 'Width',
  title: 'Width',
  category: 'test',
  inputs: { value: int({ default: 64, min: 8, max: 512, step: 8 }) },
  outputs: { value: 'INT' },
  run: ({ value }) => ({ value }),
})

describe('latentflow routes', () => {
  let server: Server
  let url: string
  beforeAll(async () => {
    const app = express()
    app.use(latentflowRoutes({ registry: createRegistry([Width]) } as unknown as ServerContext))
    app.use(errorHandler(() => {}))
    server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('GET /latentflow/nodes describes the registry natively', async () => {
    const response = await fetch(`${url}/latentflow/nodes`)
    expect(response.status).toBe(200)
    const body = await response.json()
    const width = body.nodes.find((node: { type: string }) => node.type === 'Width')
    expect(width.inputs[0]).toMatchObject({ name: 'value', kind: 'INT', min: 8, max: 512, step: 8, default: 64 })
    expect(width.outputs).toEqual([{ name: 'value', type: 'INT' }])
    expect(body.socketTypes.find((type: { name: string }) => type.name === 'LATENT').color).toMatch(/^#/)
  })

  it('GET /latentflow/workflows/txt2img serves the shipped workflow', async () => {
    const response = await fetch(`${url}/latentflow/workflows/txt2img`)
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.version).toBe(1)
    expect(Object.keys(body.nodes)).toContain('sampler')
  })

  it('refuses unknown and malformed workflow names', async () => {
    expect((await fetch(`${url}/latentflow/workflows/nope`)).status).toBe(404)
    expect((await fetch(`${url}/latentflow/workflows/..%2Fpackage`)).status).toBe(400)
  })
})
