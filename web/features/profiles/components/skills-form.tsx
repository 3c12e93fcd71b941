import { useState } from 'react';
import { Card } from '../../../components/card.tsx';
import { Checkbox, Fieldset, Radios, Select, TextField } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { categoryName, SKILL_CATEGORIES } from '../../../components/labels.ts';
import { Notice } from '../../../components/notice.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import { groupSkills, useSkills, WORKS_WITH_CHOICES } from '../../../lib/skills.ts';
import type { OwnProfile } from '../../../../common/profiles.ts';
import type { NewSkillBody, Skill, SkillCategory } from '../../../../common/skills.ts';
import { useAddSkill, useUpdateProfile } from '../api.ts';

/** What the member can offer and what they would like, chosen from the shared list. */
export function SkillsForm({ profile }: { profile: OwnProfile }) {
  const skills = useSkills();
  const update = useUpdateProfile();
  const [offered, setOffered] = useState(() => new Set(profile.skills.map((s) => s.id)));
  const [wanted, setWanted] = useState(() => new Set(profile.interests.map((s) => s.id)));

  return (
    <Card title={t('profile.skills.title')}>
      <p>{t('profile.skills.lead')}</p>
      {update.isSuccess ? (
        <Notice tone="success">
          <p>{t('profile.saved')}</p>
        </Notice>
      ) : null}
      <QueryView query={skills}>
        {(list) => (
          <>
            <Form
              label={t('profile.skills.title')}
              submitLabel={t('profile.save')}
              busy={update.isPending}
              error={update.error}
              onSubmit={() => update.mutate({ skillIds: [...offered], interestIds: [...wanted] })}
            >
              <SkillChoices legend={t('profile.skills.offer')} hint={t('profile.skills.offerHint')} name="skillIds" skills={list} chosen={offered} onChange={setOffered} error={fieldError(update.error, 'skillIds')} />
              <SkillChoices legend={t('profile.skills.want')} hint={t('profile.skills.wantHint')} name="interestIds" skills={list} chosen={wanted} onChange={setWanted} error={fieldError(update.error, 'interestIds')} />
            </Form>
            <AddSkill onAdded={(skill) => setOffered(new Set([...offered, skill.id]))} />
          </>
        )}
      </QueryView>
    </Card>
  );
}

type ChoicesProps = { legend: string; hint: string; name: string; skills: Skill[]; chosen: Set<number>; onChange: (next: Set<number>) => void; error?: string };

function SkillChoices({ legend, hint, name, skills, chosen, onChange, error }: ChoicesProps) {
  // Groups with a choice start open; after that only the person opens and closes them.
  const [initial] = useState(chosen);
  const toggle = (id: number, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <Fieldset legend={legend} hint={hint}>
      {error ? <p className="field__error">{error}</p> : null}
      {groupSkills(skills, SKILL_CATEGORIES).map((group) => (
        <details key={group.category} open={group.skills.some((skill) => initial.has(skill.id))}>
          <summary>
            {categoryName(group.category)}
            {countChosen(group.skills, chosen)}
          </summary>
          <div className="choice-grid">
            {group.skills.map((skill) => (
              <Checkbox key={skill.id} name={name} value={skill.id} label={skill.label} checked={chosen.has(skill.id)} onChange={(event) => toggle(skill.id, event.currentTarget.checked)} />
            ))}
          </div>
        </details>
      ))}
    </Fieldset>
  );
}

function countChosen(skills: Skill[], chosen: Set<number>) {
  const count = skills.filter((skill) => chosen.has(skill.id)).length;
  return count > 0 ? ` (${t('profile.skills.chosen', { count })})` : '';
}

function AddSkill({ onAdded }: { onAdded: (skill: Skill) => void }) {
  const add = useAddSkill();
  return (
    <details className="add-skill">
      <summary>{t('profile.skills.missing')}</summary>
      {add.isSuccess ? (
        <Notice tone="success">
          <p>{t('profile.skills.added', { label: add.data.label })}</p>
        </Notice>
      ) : null}
      <Form
        label={t('profile.skills.missing')}
        submitLabel={t('profile.skills.add')}
        submitVariant="secondary"
        busy={add.isPending}
        error={add.error}
        onSubmit={(form, element) =>
          add.mutate({ label: form.text('label'), category: form.text('category') as SkillCategory, worksWith: form.text('worksWith') as NewSkillBody['worksWith'] }, { onSuccess: (skill) => { onAdded(skill); element.reset(); } })
        }
      >
        <TextField name="label" id="new-skill-label" label={t('profile.skills.newLabel')} hint={t('profile.skills.newHint')} error={fieldError(add.error, 'label')} />
        <Select name="category" id="new-skill-category" label={t('profile.skills.category')} defaultValue="other" options={SKILL_CATEGORIES.map((category) => ({ value: category, label: categoryName(category) }))} error={fieldError(add.error, 'category')} />
        <Radios
          name="worksWith"
          id="new-skill-works-with"
          legend={t('profile.skills.worksWith')}
          hint={t('profile.skills.worksWithHint')}
          error={fieldError(add.error, 'worksWith')}
          options={WORKS_WITH_CHOICES.map((value) => ({ value, label: t(`profile.skills.worksWith.${value}`) }))}
        />
      </Form>
    </details>
  );
}
