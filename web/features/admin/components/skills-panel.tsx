import { useState } from 'react';
import { Button } from '../../../components/button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Select, TextField } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { categoryName, SKILL_CATEGORIES } from '../../../components/labels.ts';
import { List, ListItem } from '../../../components/list.tsx';
import { Notice } from '../../../components/notice.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import { useSkills, WORKS_WITH_CHOICES } from '../../../lib/skills.ts';
import type { Skill, SkillCategory, SkillChangeBody } from '../../../../common/skills.ts';
import { useChangeSkill } from '../api.ts';

/**
 * The shared list of skills, which members add to: the administrator finds one and corrects
 * its group or whether it is work with children or vulnerable adults (which then needs a DBS
 * check of every helper, in every community).
 */
export function SkillsPanel() {
  const skills = useSkills();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section aria-labelledby="skills-heading">
      <h2 id="skills-heading">{t('admin.skills.title')}</h2>
      <p>{t('admin.skills.lead')}</p>
      {/* The whole list is loaded, so it narrows as the administrator types. */}
      <div role="search" aria-label={t('admin.skills.search')}>
        <TextField name="q" type="search" label={t('admin.skills.searchLabel')} value={q} onChange={(event) => setQ(event.target.value)} />
      </div>
      <QueryView query={skills}>
        {(list) => {
          const words = q.trim().toLowerCase();
          const found = list.filter((skill) => words === '' || skill.label.toLowerCase().includes(words) || skill.slug.includes(words));
          if (found.length === 0) return <EmptyState title={t('admin.skills.emptyTitle')}>{t('admin.skills.empty')}</EmptyState>;
          return (
            <List label={t('admin.skills.title')}>
              {found.map((skill) => (
                <ListItem
                  key={skill.id}
                  actions={
                    <Button variant="secondary" aria-expanded={open === skill.id} onClick={() => setOpen(open === skill.id ? null : skill.id)} aria-label={t('admin.skills.changeNamed', { label: skill.label })}>
                      {t('admin.skills.change')}
                    </Button>
                  }
                >
                  <h3>{skill.label}</h3>
                  <p className="text-small text-muted">
                    {categoryName(skill.category)}
                    {skill.worksWith ? ` · ${t(`admin.skills.worksWith.${skill.worksWith}`)}` : ''}
                  </p>
                  {open === skill.id ? <ChangeSkill skill={skill} onDone={() => setOpen(null)} /> : null}
                </ListItem>
              ))}
            </List>
          );
        }}
      </QueryView>
    </section>
  );
}

function ChangeSkill({ skill, onDone }: { skill: Skill; onDone: () => void }) {
  const change = useChangeSkill();
  return (
    <>
      {change.isSuccess ? (
        <Notice tone="success">
          <p>{t('admin.skills.saved', { label: skill.label })}</p>
        </Notice>
      ) : null}
      <Form
        label={t('admin.skills.changeNamed', { label: skill.label })}
        submitLabel={t('admin.skills.save')}
        submitVariant="secondary"
        busy={change.isPending}
        error={change.error}
        actions={
          <Button variant="link" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        }
        onSubmit={(form) =>
          change.mutate({ skillId: skill.id, category: form.text('category') as SkillCategory, worksWith: form.text('worksWith') as SkillChangeBody['worksWith'] })
        }
      >
        <Select
          name="category"
          id={`skill-${skill.id}-category`}
          label={t('admin.skills.category')}
          defaultValue={skill.category}
          options={SKILL_CATEGORIES.map((category) => ({ value: category, label: categoryName(category) }))}
          error={fieldError(change.error, 'category')}
        />
        <Select
          name="worksWith"
          id={`skill-${skill.id}-works-with`}
          label={t('admin.skills.worksWithLabel')}
          hint={t('admin.skills.worksWithHint')}
          defaultValue={skill.worksWith ?? 'neither'}
          options={WORKS_WITH_CHOICES.map((value) => ({ value, label: t(`admin.skills.worksWith.${value}`) }))}
          error={fieldError(change.error, 'worksWith')}
        />
      </Form>
    </>
  );
}
