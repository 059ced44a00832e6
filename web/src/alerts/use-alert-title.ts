// The alert heading (alert-feature.ts alertTitle) with categories and departments named from the reference lists.
import type { AlertProps } from './alert-feature'
import { alertTitle } from './alert-feature'
import { labelOf } from '../panels/labels'
import { useReferenceStore } from '../stores/reference'
import { useViewStore } from '../stores/view'

export function useAlertTitle() {
  const reference = useReferenceStore()
  const view = useViewStore()
  return (p: Pick<AlertProps, 'rule' | 'evidence'>) => alertTitle(p, view.lang, (list, id) => labelOf(reference.data?.[list], id, view.lang, list === 'departments'))
}
