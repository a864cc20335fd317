// The first focusable element of a frame: jumps keyboard users past the navigation.

/** "Skip to content", visible only when focused; targets #main. */
export function SkipLink() {
  return (
    <a href="#main" className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-zinc-900 focus:not-sr-only focus:fixed focus:left-3 focus:top-3">
      Skip to content
    </a>
  );
}
