// Join class names, skipping falsy ones; later Tailwind classes override earlier conflicting ones.
import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/** Class names joined, falsy values dropped, Tailwind conflicts resolved in favour of the last. */
export function cn(...values: ClassValue[]): string {
  return twMerge(clsx(values));
}
