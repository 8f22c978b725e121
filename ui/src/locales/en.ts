// The UI's English words come from the shared catalog `locales/en.json` (repository root), which
// Rust's PDF and notices read too; see `locales/README.md` to add a string. `Messages` is its shape.
import type { ErrorCode } from "../lib/bindings";
import catalog from "../../../locales/en.json";

export const en = catalog;
export type Messages = typeof catalog;

// Every ErrorCode has its own sentence: a code missing from en.json (or left null) fails
// `npm run check` here.
type ErrorMessages = { generic: string } & Record<ErrorCode, string>;
const _everyCode: ErrorMessages = catalog.errors;
void _everyCode;
