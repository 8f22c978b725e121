// The UI talks to Rust only through the generated `commands` (bindings.ts): command names,
// argument names and shapes all come from tauri-specta. This file adds two small helpers:
// `settle` for the infallible commands (plain `Promise<T>`), so every call site can branch on
// `{status}` the same way, and `toAppError` for exceptions that are not a `{code, message}`.
import { commands } from "./bindings";
import type { AppError, Result } from "./types";

export { commands as api, events } from "./bindings";

export function toAppError(e: unknown): AppError {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    // A Rust error: its code is one of the generated ErrorCode strings.
    return { code: (e as AppError).code, message: String((e as AppError).message) };
  }
  if (e instanceof Error) return { code: "ui.exception", message: e.message };
  return { code: "unknown", message: String(e) };
}

/** Wraps an infallible command (`commands.keyStatus()`, `jobZones()`, …) as a `Result`. */
export async function settle<T>(p: Promise<T>): Promise<Result<T>> {
  try {
    return { status: "ok", data: await p };
  } catch (e) {
    return { status: "error", error: toAppError(e) };
  }
}

/** Runs a fallible command, turning a thrown `Error` (which tauri-specta rethrows) into a `Result`. */
export async function run<T>(p: Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await p;
  } catch (e) {
    return { status: "error", error: toAppError(e) };
  }
}

