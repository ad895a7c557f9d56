// The few globals core/ uses that every JavaScript host has (browsers, Node, Electron), declared
// here for tsconfig.core.json only, which has neither the DOM nor Node types: anything else
// (document, window, process, Buffer, fs) fails to compile in core/. The node and web projects
// exclude this file and use their own, full declarations.

/** WHATWG URL, as far as core/ reads it. */
declare class URL {
  constructor(url: string, base?: string)
  readonly protocol: string
  readonly hostname: string
  readonly host: string
  readonly port: string
  readonly pathname: string
  readonly search: string
  readonly hash: string
  readonly origin: string
  readonly username: string
  readonly password: string
  readonly href: string
  toString(): string
}

/** WHATWG TextEncoder: UTF-8 bytes of a string. */
declare class TextEncoder {
  encode(input?: string): Uint8Array
}

/** HTML structured clone, as every host has it. */
declare function structuredClone<T>(value: T): T
