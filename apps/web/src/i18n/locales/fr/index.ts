// One file per area of the web app (each owns its top-level keys); the locale is their union. Adding an area is a
// JSON file here and in the other locale, and one line below (apps/web/test/locale-keys.test.ts checks both).
import capacity from './capacity.json';
import consolePages from './console.json';
import greenRoom from './green-room.json';
import integrations from './integrations.json';
import media from './media.json';
import outbox from './outbox.json';
import join from './join.json';
import player from './player.json';
import register from './register.json';
import report from './report.json';

export default {
  ...capacity,
  ...consolePages,
  ...greenRoom,
  ...integrations,
  ...join,
  ...player,
  ...media,
  ...outbox,
  ...register,
  ...report,
};
