/** Runs `n` calls of `task` with `concurrency` workers; answers the wall time in seconds. */
export const drive = async (
  n: number,
  concurrency: number,
  task: () => Promise<unknown>,
): Promise<number> => {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next += 1
        await task()
      }
    }),
  )
  return (performance.now() - started) / 1000
}
