// Lengths and formats the Rust side enforces, from the generated constants (never retyped here).
import { CENTER_NAME_MAX_CHARS, PIN_MAX_DIGITS, PIN_MIN_DIGITS } from "./bindings";

export { CENTER_NAME_MAX_CHARS, PIN_MAX_DIGITS, PIN_MIN_DIGITS };

const PIN = new RegExp(`^\\d{${PIN_MIN_DIGITS},${PIN_MAX_DIGITS}}$`);

/** Whether `pin` has the shape crates/kiosk accepts (digits only, within the length limits). */
export function isPinFormat(pin: string): boolean {
  return PIN.test(pin);
}
