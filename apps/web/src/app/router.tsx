import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireRole } from '../auth/require-role';
import { RequireSession } from '../auth/require-session';
import SignInPage from '../auth/sign-in-page';
import { Loading } from '../components/loading';
import HomePage from '../pages/home/home-page';
import NotFoundPage from '../pages/errors/not-found-page';
import RouteErrorPage from '../pages/errors/route-error-page';
import { CONSOLE_ROUTES, type ConsoleRoute } from './console-routes';

// The player of a playback link: public (the link's token is the permission), loaded with hls.js when opened.
const PlayerPage = lazy(() => import('../pages/player/player-page'));
const JoinPage = lazy(() => import('../pages/join/join-page'));
const RegisterPage = lazy(() => import('../pages/public/register-page'));
import { Shell } from './shell';

function consoleRoute(route: ConsoleRoute) {
  const Page = lazy(route.page);
  return {
    path: route.path,
    element: (
      <RequireRole roles={route.roles}>
        <Suspense fallback={<Loading />}>
          <Page />
        </Suspense>
      </RequireRole>
    ),
  };
}

export const router = createBrowserRouter([
  {
    element: <Shell />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'sign-in', element: <SignInPage /> },
      {
        path: 'player/:assetId',
        element: (
          <Suspense fallback={<Loading />}>
            <PlayerPage />
          </Suspense>
        ),
      },
      {
        path: 'join/:token',
        element: (
          <Suspense fallback={<Loading />}>
            <JoinPage />
          </Suspense>
        ),
      },
      {
        path: 'register/:slug',
        element: (
          <Suspense fallback={<Loading />}>
            <RegisterPage />
          </Suspense>
        ),
      },
      { element: <RequireSession />, children: CONSOLE_ROUTES.map(consoleRoute) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
