import { describe, expect, it } from "vitest";
import {
  allSame, answeredCount, arrowMove, firstUnanswered, indexesOnPage, keyToValue, pageCount, pageOf, perPage,
} from "./questionnaire";

describe("questionnaire paging", () => {
  it("shows twelve per page, or one in narrow windows and kiosk mode", () => {
    expect(perPage(false, false)).toBe(12);
    expect(perPage(true, false)).toBe(1);
    expect(perPage(false, true)).toBe(1);
  });
  it("counts pages for both forms", () => {
    expect(pageCount(60, 12)).toBe(5);
    expect(pageCount(30, 12)).toBe(3);
    expect(pageCount(30, 1)).toBe(30);
    expect(pageCount(0, 12)).toBe(1);
  });
  it("finds the page of an item and the items on a page", () => {
    expect(pageOf(1, 12)).toBe(0);
    expect(pageOf(12, 12)).toBe(0);
    expect(pageOf(13, 12)).toBe(1);
    expect(pageOf(60, 12)).toBe(4);
    expect(indexesOnPage(0, 12, 60)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(indexesOnPage(2, 12, 30)).toEqual([25, 26, 27, 28, 29, 30]);
    expect(indexesOnPage(7, 1, 30)).toEqual([8]);
  });
});

describe("answers", () => {
  it("counts answers and finds the first unanswered", () => {
    const a = [3, null, 4, null];
    expect(answeredCount(a)).toBe(2);
    expect(firstUnanswered(a)).toBe(2);
    expect(firstUnanswered([1, 2])).toBeNull();
  });
  it("warns gently only when enough answers are all the same", () => {
    expect(allSame([4, 4, 4, 4, 4, 4, 4, 4, null])).toBe(true);
    expect(allSame([4, 4, 4, 4, 4, 4, 4])).toBe(false); // too few to say
    expect(allSame([4, 4, 4, 4, 4, 4, 4, 4, 3])).toBe(false);
    expect(allSame([null, 1, null, 1, 1, 1, 1, 1, 1, 1])).toBe(true);
  });
});

describe("keyboard mapping", () => {
  it("maps 1–5 (row and numpad) to answers and ignores the rest", () => {
    expect(["1", "2", "3", "4", "5"].map(keyToValue)).toEqual([1, 2, 3, 4, 5]);
    expect(keyToValue("Numpad3")).toBe(3);
    expect(keyToValue("0")).toBeNull();
    expect(keyToValue("6")).toBeNull();
    expect(keyToValue("a")).toBeNull();
    expect(keyToValue("Enter")).toBeNull();
  });
  it("moves with arrows, wrapping, plus Home and End", () => {
    expect(arrowMove("ArrowRight", 0)).toBe(1);
    expect(arrowMove("ArrowDown", 4)).toBe(0);
    expect(arrowMove("ArrowLeft", 0)).toBe(4);
    expect(arrowMove("ArrowUp", 2)).toBe(1);
    expect(arrowMove("Home", 3)).toBe(0);
    expect(arrowMove("End", 1)).toBe(4);
    expect(arrowMove("Tab", 1)).toBeNull();
  });
});
