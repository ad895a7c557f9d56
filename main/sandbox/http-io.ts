import type { IncomingMessage, ServerResponse } from 'node:http'

/** Auth0 rejects Management API payloads above 1 MB. */
export const MAX_BODY_BYTES = 1024 * 1024

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** The Management API error body: `{statusCode, error, message, errorCode?}`. */
export interface ManagementErrorBody {
  statusCode: number
  error: string
  message: string
  errorCode?: string
}

/** A Management API failure; the server turns it into a {@link ManagementErrorBody}. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly errorCode?: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** The JSON body Auth0 sends for this error. */
  toBody(): ManagementErrorBody {
    const body: ManagementErrorBody = {
      statusCode: this.statusCode,
      error: REASONS[this.statusCode] ?? 'Error',
      message: this.message,
    }
    if (this.errorCode !== undefined) body.errorCode = this.errorCode
    return body
  }
}

/** Writes a JSON response (no body for 204). */
export const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | number> = {},
): void => {
  if (res.writableEnded || res.destroyed) return
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers)
    res.end()
    return
  }
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

/** Reads the whole body, refusing more than {@link MAX_BODY_BYTES}. */
export const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(
          new ApiError(
            413,
            `Payload content length greater than maximum allowed: ${MAX_BODY_BYTES}`,
          ),
        )
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })

/** Parses a JSON body; empty means `{}`. @throws ApiError 400 `invalid_json` */
export const parseJsonBody = (text: string): unknown => {
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new ApiError(400, 'Invalid request payload JSON format', 'invalid_json')
  }
}

/** Keeps or drops the listed top-level fields (`fields` + `include_fields` query parameters). */
export const projectFields = <T extends object>(
  record: T,
  fields: string | null,
  includeFields: string | null,
): Partial<T> => {
  if (fields === null || fields.trim() === '') return record
  const names = new Set(fields.split(',').map((f) => f.trim()))
  const include = includeFields !== 'false'
  return Object.fromEntries(
    Object.entries(record).filter(([key]) => names.has(key) === include),
  ) as Partial<T>
}
