import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/api-error';
import { sessionStore } from '../auth/session-store';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will be refused again: only network trouble and 5xx are worth another try.
      retry: (failures, error) => !(isApiError(error) && error.status < 500) && failures < 2,
      staleTime: 15_000,
      refetchOnWindowFocus: false,
    },
  },
});

// One person's data never shows to the next one signing in on this tab.
sessionStore.subscribe(() => {
  if (!sessionStore.get()) queryClient.clear();
});
