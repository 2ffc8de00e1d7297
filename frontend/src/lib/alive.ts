import { useEffect, useRef, type RefObject } from "react";

/**
 * The effect behind `useAlive`: the flag is on while the component is mounted.
 * It is set on every mount, not only at creation, because React's Strict Mode
 * (on under `next dev`, so under `make run`) mounts, unmounts and mounts again:
 * a flag that only its cleanup touches stays off for the component's whole life,
 * and a loop that checks it (a clip being cut) stops at its first turn.
 */
export function aliveEffect(flag: { current: boolean }): () => () => void {
  return () => {
    flag.current = true;
    return () => {
      flag.current = false;
    };
  };
}

/** Whether the component is still mounted, for work that outlives a render. */
export function useAlive(): RefObject<boolean> {
  const flag = useRef(false);
  useEffect(aliveEffect(flag), [flag]);
  return flag;
}
