import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorState } from './error-state.tsx';
import { Loading } from './loading.tsx';
import { Pager } from './pager.tsx';

/** Renders a query's data, or its loading or error state, so every page handles all three. */
export function QueryView<T>({ query, loadingLabel, children }: { query: UseQueryResult<T>; loadingLabel?: string; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

/** One page of a longer list, as the API returns it. */
export interface PageOf<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * A paged list query: loading and error states, `empty` when there is nothing, otherwise the
 * items (laid out by `children`) followed by previous/next buttons.
 */
export function PagedQueryView<T>({
  query,
  empty,
  onPage,
  children,
}: {
  query: UseQueryResult<PageOf<T>>;
  empty: ReactNode;
  onPage: (page: number) => void;
  children: (items: T[]) => ReactNode;
}) {
  return (
    <QueryView query={query}>
      {(data) =>
        data.items.length === 0 ? (
          empty
        ) : (
          <>
            {children(data.items)}
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={onPage} />
          </>
        )
      }
    </QueryView>
  );
}
