// Keeps the outcome of a Rerank in view. The action bar is sticky (top of the right column on a
// wide screen, bottom of the screen on a narrow one, see style.css), so the button is always in
// view; the error and the ranking sit right under the bar, but the page may be scrolled
// elsewhere (narrow: the form fills the screen). When the top of the outcome is not visible,
// scroll so that it sits right under the bar.

/** Space kept between the bar and the outcome, px (the layout's gap is 1.25rem). */
const GAP = 24;
/** How much of the outcome must show below its top to count as "in view", px. */
const SHOWN = 64;

export function revealOutcome(bar: HTMLElement, outcome: HTMLElement): void {
  const barBox = bar.getBoundingClientRect();
  const top = outcome.getBoundingClientRect().top;
  const viewport = innerHeight;
  // The bar covers the bottom of the screen (narrow) or the top of the column (wide).
  const barAtBottom = barBox.top > viewport / 2;
  const visibleFrom = barAtBottom ? 0 : barBox.bottom;
  const visibleTo = barAtBottom ? barBox.top : viewport;
  if (top >= visibleFrom && top + SHOWN <= visibleTo) return;
  // Narrow: the bar's own place is right above the outcome, so it ends up at the top of the
  // screen with the outcome under it. Wide: the bar stays stuck at the top, the outcome under it.
  // 'instant': the page's smooth scrolling (if any) would leave it moving when the result lands.
  scrollBy({ top: top - barBox.height - GAP, behavior: 'instant' });
}
