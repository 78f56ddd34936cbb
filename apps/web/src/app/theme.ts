import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// WCAG 2.2 AA: text and controls reach 4.5:1 on white (Mantine's default blue 6, gray 6 and red 6 do not), focus is
// always shown (keyboard and mouse alike), and every control is at least 24 px high.
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  autoContrast: true,
  focusRing: 'always',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Anchor: { defaultProps: { underline: 'always' } },
    // A badge in a narrow table cell keeps its whole word rather than an ellipsis.
    Badge: { styles: { root: { minWidth: 'max-content' } } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-9)',
    // orange 9 on the light orange of a warning is 3.6:1; this brown reaches 7:1
    '--mantine-color-orange-light-color': '#8f3300',
  },
  dark: {},
});
