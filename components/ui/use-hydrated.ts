"use client";
// Whether React has hydrated this page: forms that submit through JavaScript keep their
// submit button disabled until then, so an early click never becomes a plain GET submission.
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** False during server rendering and hydration, true afterwards. */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
