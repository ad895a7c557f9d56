import type { PushFieldPlan } from '../../../preload/contract'
import { configStore } from '../../stores'
import { resolutionKey } from './config-store'
import { fieldLabel, unitOf } from './value-text'
import { ValueView } from './value-view'

interface PushFieldRowProps {
  resource: string
  plan: PushFieldPlan
  /** The resource is blocked: nothing of it is sent. */
  blocked: boolean
  take: 'mine' | 'theirs' | undefined
}

const statusWords: Record<PushFieldPlan['status'], string> = {
  push: 'will be sent',
  conflict: 'conflict',
  theirs: 'changed on the tenant',
  same: 'already equal',
}

const statusTag: Record<PushFieldPlan['status'], string> = {
  push: 'tag status-push',
  conflict: 'tag warn',
  theirs: 'tag',
  same: 'tag ok',
}

/** One field of the push plan: what is sent, what the draft takes, or the conflict to resolve. */
export function PushFieldRow({ resource, plan, blocked, take }: PushFieldRowProps) {
  const unit = unitOf(resource, plan.field)
  const label = fieldLabel(resource, plan.field)
  const name = (
    <span className="push-field-name">
      {label}
      <span className={statusTag[plan.status]}>
        {blocked && plan.status === 'push' ? 'not sent' : statusWords[plan.status]}
      </span>
    </span>
  )
  if (plan.status === 'conflict' && !blocked) {
    const group = resolutionKey(resource, plan.field)
    const choose = (value: 'mine' | 'theirs') =>
      configStore.getState().resolve(resource, plan.field, value)
    return (
      <li className="push-field conflict">
        {name}
        <fieldset className="conflict-choice">
          <legend className="visually-hidden">{label}: keep mine or take theirs</legend>
          <p className="conflict-base">
            Changed on the tenant since your pull. When you pulled:{' '}
            <ValueView value={plan.base} unit={unit} />
          </p>
          <label className="choice">
            <input
              type="radio"
              name={group}
              checked={take === 'mine'}
              onChange={() => choose('mine')}
            />
            <strong>Keep mine</strong>
            <ValueView value={plan.mine} other={plan.base} mark="added" unit={unit} />
          </label>
          <label className="choice">
            <input
              type="radio"
              name={group}
              checked={take === 'theirs'}
              onChange={() => choose('theirs')}
            />
            <strong>Take theirs</strong>
            <ValueView value={plan.theirs} other={plan.base} mark="added" unit={unit} />
          </label>
        </fieldset>
      </li>
    )
  }
  if (plan.status === 'theirs') {
    return (
      <li className="push-field theirs">
        {name}
        <span className="before-after">
          <span className="muted">Nothing sent; your draft takes the tenant’s value:</span>
          <ValueView value={plan.theirs} other={plan.base} mark="added" unit={unit} />
        </span>
      </li>
    )
  }
  if (plan.status === 'same') {
    return (
      <li className="push-field same">
        {name}
        <span className="before-after">
          <span className="muted">The tenant already has your value; nothing sent:</span>
          <ValueView value={plan.mine} unit={unit} />
        </span>
      </li>
    )
  }
  return (
    <li className="push-field send">
      {name}
      <span className="before-after">
        <ValueView value={plan.theirs} other={plan.mine} mark="removed" unit={unit} />
        <span className="arrow" aria-hidden="true">
          →
        </span>
        <span className="visually-hidden">becomes</span>
        <ValueView value={plan.mine} other={plan.theirs} mark="added" unit={unit} />
      </span>
    </li>
  )
}
