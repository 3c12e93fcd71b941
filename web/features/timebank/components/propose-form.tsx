import { useNavigate } from 'react-router';
import { Select, TextArea, TextField } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { t } from '../../../i18n/index.ts';
import { ApiError } from '../../../lib/api.ts';
import { fieldError } from '../../../lib/form.ts';
import { useActiveCommunity, useSession } from '../../../lib/session.ts';
import type { Listing } from '../../../../common/offers.ts';
import { useProposeExchange } from '../api/exchanges.ts';
import { useMyOrganisations } from '../api/listings.ts';
import { readOptionalDuration } from '../duration.ts';
import { DurationField } from './duration-field.tsx';

/**
 * Proposes an exchange about a listing: answering someone else's offer or request, or (from
 * your own listing) asking a suggested member. The other person then accepts or declines.
 */
export function ProposeForm({ listing, counterpart, submitLabel, idPrefix = '' }: { listing: Listing; counterpart?: { id: string; displayName: string }; submitLabel: string; idPrefix?: string }) {
  const { communityId } = useActiveCommunity();
  const { data: session } = useSession();
  const organisations = useMyOrganisations(communityId, session?.user?.id);
  const propose = useProposeExchange(communityId);
  const navigate = useNavigate();
  const id = (name: string) => `${idPrefix}${name}`;

  return (
    <Form
      label={submitLabel}
      submitLabel={submitLabel}
      busy={propose.isPending}
      error={propose.error}
      onSubmit={(form) => {
        const when = form.text('scheduledFor');
        const scheduled = when ? new Date(when) : null;
        if (scheduled && Number.isNaN(scheduled.getTime())) throw new ApiError(400, 'form.date', t('timebank.propose.badDate'), 'scheduledFor');
        propose.mutate(
          {
            listingId: listing.id,
            counterpartId: counterpart?.id,
            asOrganisationId: form.text('asOrganisationId') || undefined,
            description: form.text('description'),
            proposedMinutes: readOptionalDuration(form, 'proposedMinutes') ?? undefined,
            scheduledFor: scheduled ? scheduled.toISOString() : undefined,
          },
          { onSuccess: (exchange) => navigate(`/timebank/exchanges/${exchange.id}`) },
        );
      }}
    >
      {(shown) => (
        <>
          {!listing.mine && organisations.data && organisations.data.length > 0 ? (
            <Select
              name="asOrganisationId"
              id={id('asOrganisationId')}
              label={t('timebank.propose.as')}
              error={fieldError(shown, 'asOrganisationId')}
              options={[{ value: '', label: t('timebank.form.postAsMe', { name: session?.user?.displayName ?? '' }) }, ...organisations.data.map((org) => ({ value: org.id, label: org.name }))]}
            />
          ) : null}
          <TextArea
            name="description"
            id={id('description')}
            label={t('timebank.propose.message')}
            hint={counterpart ? t('timebank.propose.messageHintTo', { name: counterpart.displayName }) : t('timebank.propose.messageHint', { name: listing.owner.displayName })}
            optional
            rows={3}
            error={fieldError(shown, 'description')}
          />
          <DurationField name="proposedMinutes" idPrefix={idPrefix} legend={t('timebank.propose.minutes')} hint={t('timebank.propose.minutesHint')} optional defaultMinutes={listing.durationMinutes} error={shown} />
          <TextField name="scheduledFor" id={id('scheduledFor')} type="datetime-local" label={t('timebank.propose.when')} hint={t('timebank.propose.whenHint')} optional error={fieldError(shown, 'scheduledFor')} />
        </>
      )}
    </Form>
  );
}
