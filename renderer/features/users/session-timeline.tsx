import type { SessionNode } from '../../../preload/contract'
import { dateTime, relativeTime } from '../../lib/time-text'

interface SessionTimelineProps {
  session: SessionNode
  now: number
}

/** Now, the idle deadline and the absolute deadline on one line, and what idling does. */
export function SessionTimeline({ session, now }: SessionTimelineProps) {
  const start = Date.parse(
    session.lastInteractedAt ?? session.authenticatedAt ?? session.createdAt ?? '',
  )
  const idle = Date.parse(session.idleExpiresAt ?? '')
  const absolute = Date.parse(session.expiresAt ?? '')
  const points = [start, now, idle, absolute].filter((t) => !Number.isNaN(t))
  const min = Math.min(...points)
  const max = Math.max(...points)
  const at = (t: number) => `${((t - min) / Math.max(1, max - min)) * 100}%`
  const idleFirst = !Number.isNaN(idle) && (Number.isNaN(absolute) || idle < absolute)
  return (
    <div className="timeline">
      <div className="timeline-track" aria-hidden="true">
        {!Number.isNaN(start) && <span className="mark start" style={{ left: at(start) }} />}
        <span className="mark now" style={{ left: at(now) }} />
        {!Number.isNaN(idle) && <span className="mark idle" style={{ left: at(idle) }} />}
        {!Number.isNaN(absolute) && (
          <span className="mark absolute" style={{ left: at(absolute) }} />
        )}
      </div>
      <ul className="timeline-legend">
        <li>
          <span className="key start" /> Last activity{' '}
          {dateTime(session.lastInteractedAt ?? session.authenticatedAt)}
        </li>
        <li>
          <span className="key now" /> Now
        </li>
        <li>
          <span className="key idle" /> Idle deadline {dateTime(session.idleExpiresAt)} (
          {relativeTime(session.idleExpiresAt, now)})
        </li>
        <li>
          <span className="key absolute" /> Absolute deadline {dateTime(session.expiresAt)} (
          {relativeTime(session.expiresAt, now)})
        </li>
      </ul>
      <p className="timeline-note">
        {session.status === 'expired'
          ? 'This session is past its deadline; Auth0 still lists it until it is cleaned up. It cannot sign the user in.'
          : idleFirst
            ? `If the user stays idle, the session ends ${relativeTime(session.idleExpiresAt, now)} (idle timeout). Any activity at Auth0 (a login to another app, silent authentication) pushes that back, but never past the absolute deadline ${relativeTime(session.expiresAt, now)}.`
            : `The session ends ${relativeTime(session.expiresAt, now)} at its absolute deadline, whatever the user does.`}
      </p>
    </div>
  )
}
