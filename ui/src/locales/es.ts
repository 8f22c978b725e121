// Spanish from the shared catalog `locales/es.json`. The type makes a key missing from es.json
// fail `npm run check`; a key es.json has and en.json lacks fails `npm run test:unit` (i18n.test.ts).
import type { Messages } from "./en";
import catalog from "../../../locales/es.json";

export const es: Messages = catalog;
