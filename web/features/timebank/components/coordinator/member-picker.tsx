import { useDeferredValue, useState } from 'react';
import { Select } from '../../../../components/fields.tsx';
import { t } from '../../../../i18n/index.ts';
import { fieldId } from '../../../../lib/form.ts';
import { useActiveCommunity } from '../../../../lib/session.ts';
import { useMemberSearch } from '../../api/ledger.ts';

type MemberPickerProps = { name: string; label: string; /** The person in lower case for the search box: "the helper", "person 2". */ who: string; hint?: string; error?: string; idPrefix?: string; includeOrganisations?: boolean };

/**
 * Choosing a member: type part of their name to narrow the list, then choose from it. Typing
 * only filters; nothing happens until the form is sent.
 */
export function MemberPicker({ name, label, who, hint, error, idPrefix = '', includeOrganisations = true }: MemberPickerProps) {
  const { communityId } = useActiveCommunity();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const members = useMemberSearch(communityId, q);
  const found = (members.data?.items ?? []).filter((m) => m.status === 'active' && (includeOrganisations || m.role !== 'organisation'));
  const searchId = fieldId(`${idPrefix}${name}-search`);
  return (
    <div className="member-picker">
      <div className="field">
        <label className="field__label" htmlFor={searchId}>
          {t('timebank.picker.search', { who })}
        </label>
        <input id={searchId} className="input" type="search" autoComplete="off" value={search} onChange={(event) => setSearch(event.target.value)} aria-describedby={`${searchId}-hint`} />
        <span className="field__hint" id={`${searchId}-hint`}>
          {members.isFetching ? t('timebank.picker.searching') : t('timebank.picker.found', { count: found.length })}
        </span>
      </div>
      <Select
        name={name}
        id={fieldId(`${idPrefix}${name}`)}
        label={label}
        hint={hint}
        error={error}
        options={[{ value: '', label: t('timebank.picker.choose') }, ...found.map((member) => ({ value: member.userId, label: member.displayName }))]}
      />
    </div>
  );
}
