import { z } from 'zod'
import type { ConfigDraft, ConfigEdit, TenantConfiguration } from '../../../preload/contract'
import { resourceKey, type ConfigResource, type JsonValue } from '../../../core/config/model'

// zod schemas of the offline configuration (core/config/model.ts) and of a draft, shared by
// the IPC input check (main/ipc/schemas.ts) and the files of config-store.ts. Every list, string
// and record is bounded and nesting is capped, so a hostile draft or file is refused by the parse
// instead of exhausting memory or the stack; keys that could reach Object.prototype are refused.

/** Most resources one configuration may hold (applications + connections + the tenant). */
export const MAX_RESOURCES = 2000
/** Most fields per resource. */
export const MAX_FIELDS = 64
/** Longest string value (URLs are at most 2,048 characters at Auth0). */
export const MAX_STRING = 4096
/** Most entries of a list value (Auth0's URL lists allow 100; imports may hold more). */
export const MAX_LIST = 500
/** Undo and redo keep at most this many actions each (ConfigDraft). */
export const MAX_HISTORY = 200
/** Field edits per undo action. */
export const MAX_EDITS_PER_ACTION = 10_000
/** Levels of nesting a field value may have (a list of objects of lists…). */
const MAX_DEPTH = 4

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** A record key: bounded, printable, never one that reaches Object.prototype. */
const key = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((k) => !FORBIDDEN_KEYS.has(k), 'This key is not allowed.')

const boundedRecord = <T extends z.ZodType>(keySchema: z.ZodString, value: T, max: number) =>
  z
    .record(keySchema, value)
    .refine((r) => Object.keys(r).length <= max, `At most ${max} entries are allowed.`)

const primitive = z.union([z.null(), z.boolean(), z.number().finite(), z.string().max(MAX_STRING)])

/** A JSON value nested at most `depth` levels deep. */
const jsonAtDepth = (depth: number): z.ZodType<JsonValue> =>
  depth === 0
    ? primitive
    : z.union([
        primitive,
        z.array(jsonAtDepth(depth - 1)).max(MAX_LIST),
        boundedRecord(key(200), jsonAtDepth(depth - 1), MAX_FIELDS),
      ])

/** A field value of the configuration model. */
export const jsonValueSchema: z.ZodType<JsonValue> = jsonAtDepth(MAX_DEPTH)

const resourceSchema = z.strictObject({
  kind: z.enum(['tenant', 'clients', 'connections']),
  name: z.string().min(1).max(256),
  id: z.string().min(1).max(256).optional(),
  context: boundedRecord(key(64), z.string().max(256), 16),
  fields: boundedRecord(key(200), jsonValueSchema, MAX_FIELDS),
  optionsNotRead: z.literal(true).optional(),
  clients: z.array(z.string().min(1).max(256)).max(10_000).optional(),
  // Connection options nest deeper than field values (attributes.email.identifier.active …).
  options: boundedRecord(key(200), jsonAtDepth(8), MAX_FIELDS).optional(),
  heldBack: z.array(key(200)).max(MAX_FIELDS).optional(),
}) satisfies z.ZodType<ConfigResource>

const isoTime = z.string().min(1).max(64)

/** A whole configuration; every resource is filed under its own key (`clients/<name>`…). */
export const configurationSchema = z
  .strictObject({
    version: z.literal(1),
    source: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('tenant'),
        tenantId: z.string().min(1).max(128),
        domain: z.string().min(1).max(300),
        pulledAt: isoTime,
      }),
      z.strictObject({ kind: z.literal('file'), name: z.string().min(1).max(300) }),
    ]),
    resources: boundedRecord(key(300), resourceSchema, MAX_RESOURCES),
  })
  .superRefine((config, ctx) => {
    for (const [k, r] of Object.entries(config.resources)) {
      if (k !== resourceKey(r.kind, r.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['resources', k],
          message: 'A resource is filed under a key that does not match its kind and name.',
        })
        return
      }
    }
  }) satisfies z.ZodType<TenantConfiguration>

const editSchema = z.strictObject({
  resource: z.string().min(1).max(300),
  field: z.string().min(1).max(200),
  before: jsonValueSchema,
  after: jsonValueSchema,
}) satisfies z.ZodType<ConfigEdit>

const historySchema = z.array(z.array(editSchema).max(MAX_EDITS_PER_ACTION)).max(MAX_HISTORY)

/** A draft: the edited configuration, its undo/redo history and the snapshot it started from. */
export const configDraftSchema = z.strictObject({
  config: configurationSchema,
  basePulledAt: isoTime,
  undo: historySchema,
  redo: historySchema,
}) satisfies z.ZodType<ConfigDraft>

/**
 * A tenant id as it may appear in a file path: the Sandbox's `sandbox` or a UUID — letters,
 * digits, `-` and `_` only, so no separator, dot or traversal can reach the path.
 */
export const TENANT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/

/** A tenant id as IPC accepts it. */
export const tenantIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(TENANT_ID_PATTERN, 'A tenant id has only letters, digits, dashes and underscores.')
