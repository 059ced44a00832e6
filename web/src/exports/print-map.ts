// The map on paper. A WebGL canvas prints blank: its drawing buffer is cleared once the frame is on screen. Before
// printing, the map is drawn once more and copied into a 2D canvas laid over it (shown only in print, see
// leader-print.css); after printing the copy goes.
export function printMapCopies(container: HTMLElement, snapshotNow: () => HTMLCanvasElement): () => void {
  let copy: HTMLCanvasElement | null = null
  const before = () => {
    copy?.remove()
    copy = snapshotNow()
    copy.className = 'print-map-copy'
    container.append(copy)
  }
  const after = () => { copy?.remove(); copy = null }
  window.addEventListener('beforeprint', before)
  window.addEventListener('afterprint', after)
  return () => {
    window.removeEventListener('beforeprint', before)
    window.removeEventListener('afterprint', after)
    after()
  }
}
