import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { displayPath, writtenFiles } from './written-files.js'

const files = { outputDir: path.resolve('/w/output'), tempDir: path.resolve('/w/temp'), inputDir: path.resolve('/w/input') }

describe('writtenFiles', () => {
  it('collects the files named in any list of UI entries, in their folders', () => {
    const outputs = {
      text: { texts: [{ filename: 'a_00001_.txt', subfolder: '', type: 'output' }] },
      image: { images: [{ filename: 'b_00001_.png', subfolder: 'x/y', type: 'output' }, { filename: 'p.png', subfolder: '', type: 'temp' }] },
      other: { values: [1, { no: 'filename' }], text: 'not a list' },
      again: { texts: [{ filename: 'a_00001_.txt', subfolder: '', type: 'output' }] },
    }
    expect(writtenFiles(outputs, files)).toEqual([
      path.join(files.outputDir, 'a_00001_.txt'),
      path.join(files.outputDir, 'x', 'y', 'b_00001_.png'),
      path.join(files.tempDir, 'p.png'),
    ])
  })
})

describe('displayPath', () => {
  it('is relative inside cwd and absolute outside', () => {
    expect(displayPath(path.resolve('/w/output/a.txt'), path.resolve('/w'))).toBe(path.join('output', 'a.txt'))
    expect(displayPath(path.resolve('/elsewhere/a.txt'), path.resolve('/w'))).toBe(path.resolve('/elsewhere/a.txt'))
  })
})
