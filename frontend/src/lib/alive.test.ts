import { describe, expect, it } from "vitest";
import { aliveEffect } from "./alive";

describe("a component's alive flag", () => {
  it("is on again after Strict Mode's mount, unmount and mount (next dev)", () => {
    const flag = { current: false };
    const effect = aliveEffect(flag);
    const cleanup = effect();
    expect(flag.current).toBe(true);
    cleanup();
    expect(flag.current).toBe(false);
    effect();
    expect(flag.current).toBe(true);
  });
});
