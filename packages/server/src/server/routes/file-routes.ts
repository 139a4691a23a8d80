/**
 * GET /view?filename&subfolder&type (a file from the output, input or temp folder) and
 * POST /upload/image (multipart `image`, optional `subfolder`, `type`, `overwrite`): PNG, JPEG
 * and WebP only, told by their content; size-limited.
 */
import path from 'node:path'
import { Router, type RequestHandler } from 'express'
import multer from 'multer'
import { DEFAULT_MAX_IMAGE_PIXELS, imageDimensions, sniffImageFormat } from '@latentflow/nodes'
import { checkFilename, checkSubfolder, ensureSubfolder, existingFile, folderOf } from '../files/folder-paths.js'
import { uploadFileName, writeUpload } from '../files/upload-name.js'
import { ApiError, sendJson } from '../http/api-error.js'
import type { ServerContext } from '../server-context.js'

/** 50 MiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024

/** multer's single-file parser, its errors turned into JSON ones. */
function imageField(maxBytes: number): RequestHandler {
  const parse = multer({ storage: multer.memoryStorage(), defParamCharset: 'utf8', limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 16 } }).single('image')
  return (req, res, next) => {
    parse(req, res, (error: unknown) => {
      if (!error) return next()
      if (error instanceof multer.MulterError) {
        const tooLarge = error.code === 'LIMIT_FILE_SIZE'
        return next(new ApiError(tooLarge ? 413 : 400, tooLarge ? 'file_too_large' : 'invalid_upload', tooLarge ? `The image is larger than ${maxBytes} bytes` : error.message))
      }
      next(new ApiError(400, 'invalid_upload', `Cannot read the upload: ${(error as Error).message}`))
    })
  }
}

/** Headers that keep a served file from acting as a page of this origin. */
const VIEW_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'; sandbox" }

export function fileRoutes(context: ServerContext): Router {
  const router = Router()
  router.get('/view', async (req, res) => {
    const { dir } = folderOf(context.files, req.query.type, 'output')
    const filename = checkFilename(req.query.filename)
    const subfolder = checkSubfolder(req.query.subfolder)
    const file = await existingFile(dir, subfolder, filename)
    await new Promise<void>((resolve, reject) => {
      res.sendFile(file, { dotfiles: 'allow', headers: { ...VIEW_HEADERS, 'Content-Disposition': `inline; filename="${encodeURIComponent(path.basename(file))}"` } }, (error) => {
        if (!error) return resolve()
        reject(res.headersSent ? error : new ApiError(404, 'not_found', `Cannot read ${filename}`))
      })
    })
  })

  router.post('/upload/image', imageField(context.maxUploadBytes), async (req, res) => {
    const upload = req.file
    if (!upload) throw new ApiError(400, 'invalid_upload', 'Send the image as multipart/form-data in a field named "image"')
    const format = sniffImageFormat(upload.buffer)
    if (!format) throw new ApiError(400, 'invalid_image', 'Only PNG, JPEG and WebP images can be uploaded')
    // Refuse a decompression bomb (a small file declaring a huge image) from its header alone.
    const size = await imageDimensions(upload.buffer)
    if (!size) throw new ApiError(400, 'invalid_image', `Cannot read the ${format.toUpperCase()} header: the file is damaged or not an image`)
    if (size.width * size.height > DEFAULT_MAX_IMAGE_PIXELS) {
      throw new ApiError(400, 'image_too_large', `The image declares ${size.width} x ${size.height} = ${size.width * size.height} pixels, above the limit of ${DEFAULT_MAX_IMAGE_PIXELS}`)
    }
    const body = req.body as Record<string, unknown>
    const { type, dir } = folderOf(context.files, body.type, 'input')
    const subfolder = checkSubfolder(body.subfolder)
    const overwrite = body.overwrite === 'true' || body.overwrite === '1'
    const target = await ensureSubfolder(dir, subfolder)
    const name = await writeUpload(target, uploadFileName(upload.originalname, format), upload.buffer, overwrite)
    sendJson(res, 200, { name, subfolder, type })
  })
  return router
}
