import { ApiError } from './http-io'

/** Auth0's 400 for a bad query parameter. */
export const queryError = (property: string, problem: string): ApiError =>
  new ApiError(
    400,
    `Query validation error: '${problem}' on property ${property}.`,
    'invalid_query_string',
  )

/** An integer query parameter within bounds, or `fallback` when absent. @throws ApiError 400 */
export const intParam = (
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number => {
  const raw = query.get(name)
  if (raw === null || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value)) {
    throw queryError(name, 'Expected type integer but found type string')
  }
  if (value < min) throw queryError(name, `Must be greater than or equal to ${min}`)
  if (value > max) throw queryError(name, `Must be less than or equal to ${max}`)
  return value
}

/** A boolean query parameter, undefined when absent. @throws ApiError 400 */
export const boolParam = (query: URLSearchParams, name: string): boolean | undefined => {
  const raw = query.get(name)
  if (raw === null || raw === '') return undefined
  if (raw === 'true') return true
  if (raw === 'false') return false
  throw queryError(name, 'Expected type boolean but found type string')
}

/** The body as a plain object. @throws ApiError 400 `invalid_body` */
export const bodyObject = (body: unknown): Record<string, unknown> => {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(
      400,
      `Payload validation error: 'Expected type object but found type ${Array.isArray(body) ? 'array' : typeof body}'.`,
      'invalid_body',
    )
  }
  return body as Record<string, unknown>
}
