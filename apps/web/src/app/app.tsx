import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { queryClient } from './query-client';
import { router } from './router';
import { cssVariablesResolver, theme } from './theme';

// The server puts a fresh nonce in the page for each answer; its Content-Security-Policy allows <style> tags with it.
const styleNonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content || undefined;
// react-remove-scroll (Mantine's modals and drawers) writes its <style> with the nonce webpack's convention names
(globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = styleNonce;

export function App() {
  return (
    <MantineProvider
      theme={theme}
      getStyleNonce={() => styleNonce as string}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
    >
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
