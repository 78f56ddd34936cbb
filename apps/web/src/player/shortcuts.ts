export type ShortcutAction = 'toggle-play' | 'toggle-mute' | 'fullscreen' | 'back' | 'forward';

/** The player's keys (as YouTube's): k or space play/pause, m mute, f full screen, ←/→ five seconds (not live). */
export function playerShortcut(key: string, live: boolean): ShortcutAction | null {
  switch (key) {
    case ' ':
    case 'k':
      return 'toggle-play';
    case 'm':
      return 'toggle-mute';
    case 'f':
      return 'fullscreen';
    case 'ArrowLeft':
      return live ? null : 'back';
    case 'ArrowRight':
      return live ? null : 'forward';
    default:
      return null;
  }
}
