import { Component, type ErrorInfo, type ReactNode } from 'react'

interface ErrorBoundaryProps {
  /** Where the failure happened, e.g. "the Settings screen". */
  area: string
  children: ReactNode
}

interface ErrorBoundaryState {
  error: Error | null
}

/** Shows a readable message and a retry instead of a white screen when a component throws. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null }

  static getDerivedStateFromError(error: Error): ErrorBoundaryState {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Error in ${this.props.area}`, error, info.componentStack)
  }

  override render() {
    if (!this.state.error) return this.props.children
    return (
      <div role="alert" className="panel error-panel">
        <h2>Something went wrong in {this.props.area}</h2>
        <p>{this.state.error.message || 'An unexpected error occurred.'}</p>
        <button
          type="button"
          className="button primary"
          onClick={() => this.setState({ error: null })}
        >
          Try again
        </button>
      </div>
    )
  }
}
