// The warning rules (研判预警), in the order the panels list them. Each rule is a module of its own beside this one.
import { DISPUTE_ESCALATION_RULE } from './dispute-escalation'
import { OVERDUE_PILE_UP_RULE } from './overdue-pile-up'
import { REPEAT_PLACE_RULE } from './repeat-place'
import type { AlertRuleSpec } from './rule'
import { SITE_RISK_RULE } from './site-risk'
import { SPIKE_RULE } from './spike'
import { WHISTLE_UNANSWERED_RULE } from './whistle-unanswered'

export const ALERT_RULES: readonly AlertRuleSpec[] = [
  SPIKE_RULE, REPEAT_PLACE_RULE, OVERDUE_PILE_UP_RULE, SITE_RISK_RULE, WHISTLE_UNANSWERED_RULE, DISPUTE_ESCALATION_RULE,
]
