import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { hostAllowed, isLoopbackHost, originAllowed, tokenAccepted } from './request-guards.js'

const request = (headers: Record<string, string>, url = '/') => ({ headers, url }) as unknown as IncomingMessage

describe('request guards', () => {
  it('allow no origin, the same origin and localhost origins only', () => {
    expect(originAllowed(request({ host: '127.0.0.1:8188' }))).toBe(true)
    expect(originAllowed(request({ host: '127.0.0.1:8188', origin: 'http://127.0.0.1:8188' }))).toBe(true)
    expect(originAllowed(request({ host: 'box:8188', origin: 'http://box:8188' }))).toBe(true)
    expect(originAllowed(request({ host: '127.0.0.1:8188', origin: 'http://localhost:5173' }))).toBe(true)
    expect(originAllowed(request({ host: '127.0.0.1:8188', origin: 'http://[::1]:3000' }))).toBe(true)
    expect(originAllowed(request({ host: '127.0.0.1:8188', origin: 'https://evil.example' }))).toBe(false)
    expect(originAllowed(request({ host: '127.0.0.1:8188', origin: 'null' }))).toBe(false)
    expect(originAllowed(request({ host: '127.0.0.1:8188', origin: 'https://editor.example' }), { allowedOrigins: ['https://editor.example'] })).toBe(true)
  })

  it('accept only loopback Host names on loopback binds', () => {
    expect(isLoopbackHost('127.0.0.2')).toBe(true)
    expect(hostAllowed(request({ host: 'localhost:8188' }))).toBe(true)
    expect(hostAllowed(request({ host: '[::1]:8188' }))).toBe(true)
    expect(hostAllowed(request({ host: 'rebound.example:8188' }))).toBe(false)
    expect(hostAllowed(request({}))).toBe(false)
  })

  it('take the token from the Authorization header or the query', () => {
    expect(tokenAccepted(request({}), undefined)).toBe(true)
    expect(tokenAccepted(request({ authorization: 'Bearer s3cret' }), 's3cret')).toBe(true)
    expect(tokenAccepted(request({}, '/queue?token=s3cret'), 's3cret')).toBe(true)
    expect(tokenAccepted(request({ authorization: 'Bearer wrong' }), 's3cret')).toBe(false)
    expect(tokenAccepted(request({}), 's3cret')).toBe(false)
  })
})
