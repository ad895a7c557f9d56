import type { ActivityEntry, Result } from '../../../preload/contract'
import { ok } from '../../../core/result'
import type { ActivityLog } from './activity-log'

/** Entries the Activity screen and an export read at once, newest first. */
export const ACTIVITY_PAGE = 1000

/**
 * The activity log as the renderer reads it: the newest entries, and the same entries as a file to
 * save (JSON or Markdown). Jobs and pushes write through {@link ActivityLog.append}.
 */
export function createActivityService(deps: { log: ActivityLog; now?: () => Date }) {
  const now = deps.now ?? (() => new Date())
  return {
    /** The activity log, newest first. */
    async list(): Promise<Result<{ entries: ActivityEntry[]; skippedLines: number }>> {
      const page = await deps.log.list({ limit: ACTIVITY_PAGE })
      return ok({ entries: page.entries, skippedLines: page.skippedLines })
    },

    /** The activity log as a JSON or Markdown file. */
    async export(
      format: 'json' | 'markdown',
    ): Promise<Result<{ filename: string; content: string }>> {
      const page = await deps.log.list({ limit: ACTIVITY_PAGE })
      const stamp = now().toISOString().slice(0, 10)
      return ok(
        format === 'json'
          ? {
              filename: `session-console-activity-${stamp}.json`,
              content: deps.log.exportJson(page.entries),
            }
          : {
              filename: `session-console-activity-${stamp}.md`,
              content: deps.log.exportMarkdown(page.entries),
            },
      )
    },
  }
}

/** The activity service. */
export type ActivityService = ReturnType<typeof createActivityService>
