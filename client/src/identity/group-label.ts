import type { StakeholderGroup } from '@verksted/shared';
import { isStakeholderGroup } from './identity-slice';

/** Any i18next `t` (every namespace falls back to the main one, where the groups are). */
type GroupTranslator = (key: `groups.${StakeholderGroup}`) => string;

/** A stakeholder group as people read it: a default id translated, a board's own label as typed. */
export function groupLabel(group: string, t: GroupTranslator): string {
  return isStakeholderGroup(group) ? t(`groups.${group}`) : group;
}
