import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorState } from './error-state.tsx';
import { Loading } from './loading.tsx';

/** Renders a query's data, or its loading or error state, so every page handles all three. */
export function QueryView<T>({ query, loadingLabel, children }: { query: UseQueryResult<T>; loadingLabel?: string; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
