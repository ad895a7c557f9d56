import type { AppError, AppErrorCode } from '../../preload/contract'

function assertNever(value: never): never {
  throw new Error(`Unhandled error code: ${String(value)}`)
}

/** A short heading for each error code, shown above main's message. */
export function errorTitle(code: AppErrorCode): string {
  switch (code) {
    case 'INVALID_INPUT':
      return 'Check the input'
    case 'UNAUTHENTICATED':
      return 'Not signed in to the tenant'
    case 'FORBIDDEN':
      return 'Not allowed'
    case 'NOT_FOUND':
      return 'Not found'
    case 'CONFLICT':
      return 'Changed elsewhere'
    case 'RATE_LIMITED':
      return 'Rate limited'
    case 'NETWORK':
      return 'Cannot reach the server'
    case 'TIMEOUT':
      return 'The server did not answer in time'
    case 'REMOTE':
      return 'The server had a problem'
    case 'KEYCHAIN':
      return 'Keychain unavailable'
    case 'STORAGE':
      return 'Cannot save'
    case 'INTERNAL':
      return 'Something went wrong'
    default:
      return assertNever(code)
  }
}

/** One line for a person: "Title: message". */
export function errorText(error: AppError): string {
  return `${errorTitle(error.code)}: ${error.message}`
}
