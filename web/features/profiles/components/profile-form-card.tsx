import type { ReactNode } from 'react';
import { Card } from '../../../components/card.tsx';
import { Form } from '../../../components/form.tsx';
import { Notice } from '../../../components/notice.tsx';
import { t } from '../../../i18n/index.ts';
import type { FormReader } from '../../../lib/form.ts';
import type { ProfileUpdate } from '../../../../common/profiles.ts';
import { useUpdateProfile } from '../api.ts';

type ProfileFormCardProps = {
  title: string;
  /** What to send, read from the submitted form. */
  read: (form: FormReader) => ProfileUpdate;
  /** The fields, given the error to show (the server's, or one found before sending) so each can show its own. */
  children: (error: unknown) => ReactNode;
};

/** One part of the profile in its own card: the fields, a Save button and "Saved." once it is. */
export function ProfileFormCard({ title, read, children }: ProfileFormCardProps) {
  const update = useUpdateProfile();
  return (
    <Card title={title}>
      {update.isSuccess ? (
        <Notice tone="success">
          <p>{t('profile.saved')}</p>
        </Notice>
      ) : null}
      <Form label={title} submitLabel={t('profile.save')} busy={update.isPending} error={update.error} onSubmit={(form) => update.mutate(read(form))}>
        {children}
      </Form>
    </Card>
  );
}
