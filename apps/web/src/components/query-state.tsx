import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { isApiError } from '../api/api-error';
import ForbiddenPage from '../pages/errors/forbidden-page';
import NotFoundPage from '../pages/errors/not-found-page';
import { ApiErrorAlert } from './api-error-alert';
import { Loading } from './loading';

/**
 * A read: a spinner, then the content. For a page's own record (`notFound` given: an event), a 404 or 403 becomes
 * the page a person understands; for anything else the failure shows in place, in words.
 */
export function QueryState<T>({
  query,
  notFound,
  children,
}: {
  query: UseQueryResult<T>;
  notFound?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return <Loading />;
  }
  if (query.isError) {
    if (notFound && isApiError(query.error) && (query.error.status === 404 || query.error.status === 400)) {
      return <NotFoundPage what={notFound} />;
    }
    if (notFound && isApiError(query.error) && query.error.status === 403) return <ForbiddenPage />;
    return <ApiErrorAlert error={query.error} />;
  }
  return <>{children(query.data)}</>;
}
