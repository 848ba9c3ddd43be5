import type { TFunction } from 'i18next';
import { isStakeholderGroup } from './identity-slice';

/** A stakeholder group as people read it: a default id translated, a board's own label as typed. */
export function groupLabel(group: string, t: TFunction): string {
  return isStakeholderGroup(group) ? t(`groups.${group}`) : group;
}
