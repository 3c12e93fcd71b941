// The web app's layering, checked the way bulletproof-react's lint rule does: a feature may
// import shared code (components/, lib/, i18n/, common/) but never another feature or the app
// shell, and shared code never imports a feature. Types come from common/, and only as types,
// so the zod schemas stay out of the browser bundle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = resolve('web');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.config.ts') ? [path] : [];
  });
}

type Import = { from: string; to: string; typeOnly: boolean };

function imports(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)]
    .filter((m) => m[2].startsWith('.'))
    .map((m) => ({ from: relative(WEB, file), to: relative(WEB, resolve(dirname(file), m[2])), typeOnly: Boolean(m[1]) }));
}

const all = sources(WEB).flatMap(imports);
const featureOf = (path: string) => /^features\/([^/]+)\//.exec(path)?.[1];

describe('web app boundaries', () => {
  it('finds the app to check', () => {
    expect(all.length).toBeGreaterThan(100);
  });

  it('features do not import each other or the app shell', () => {
    const crossings = all.filter((i) => featureOf(i.from) && ((featureOf(i.to) && featureOf(i.to) !== featureOf(i.from)) || i.to.startsWith('app/')));
    expect(crossings).toEqual([]);
  });

  it('shared code does not import features or the app shell', () => {
    const shared = all.filter((i) => /^(components|lib|i18n)\//.test(i.from) && (i.to.startsWith('features/') || i.to.startsWith('app/')));
    expect(shared).toEqual([]);
  });

  it('takes only types from the shared zod schemas in common/', () => {
    const runtime = all.filter((i) => i.to.startsWith('../common/') && !i.typeOnly);
    expect(runtime).toEqual([]);
  });
});
