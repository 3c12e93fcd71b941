import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';

/** The cache key of GET /api/session, which everything that needs to know who is signed in reads. */
export const SESSION_KEY = ['session'] as const;

// A 401 anywhere means the session ended (expired, signed out in another tab): refetching
// the session lets the guards send the person to sign in.
const onError = (error: unknown) => {
  if ((error as { status?: number }).status === 401) void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
};

/** The app's one query cache. */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Do not retry what will fail again the same way (4xx); retry a flaky network once.
      retry: (count, error) => count < 1 && ((error as { status?: number }).status ?? 0) >= 500,
    },
  },
});
