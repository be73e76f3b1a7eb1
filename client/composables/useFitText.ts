/**
 * Fits a text into its box by shrinking its font size — never by cutting it. The projector shows
 * what the hall votes on and discusses; a question cut at its third line is worse than one set a
 * little smaller. The box's size must come from outside the text (a grid area, a flex item that may
 * shrink, or a max-block-size that does not depend on the element's own font size, e.g. in
 * `var(--pj-fs)` units); the element must hide its overflow so that the overflow can be measured.
 *
 * The stylesheet's font size is the largest; the composable searches down to `minEm` (relative to
 * the parent's font size, so "no smaller than the surrounding text") for the largest size at which
 * `scrollHeight <= clientHeight` and `scrollWidth <= clientWidth`. Should even the minimum not fit,
 * it stays at the minimum and marks the element `data-fit="min"`, and CSS lets the box grow: the
 * text is then shown whole at a readable size, and the layout around it gives way.
 *
 * Re-fits when the text (or anything in `sources`) changes, when the element or its parent is
 * resized, on window resize, and once web fonts have loaded.
 */
import { nextTick, onBeforeUnmount, onMounted, watch, type Ref, type WatchSource } from 'vue';

export interface FitTextOptions {
  /** The smallest font size allowed, in ems of the parent's font size. Default 1. */
  minEm?: number;
  /** Reactive inputs that change the text or the room it has (the question, results shown, …). */
  sources?: WatchSource[];
}

/** Keeps the text of `el` inside its box by sizing its font down as needed. */
export function useFitText(el: Ref<HTMLElement | null>, opts: FitTextOptions = {}): { fit: () => void } {
  const minEm = opts.minEm ?? 1;
  let observer: ResizeObserver | null = null;
  let observed: HTMLElement | null = null;
  let last = '';

  const overflows = (e: HTMLElement) => e.scrollHeight > e.clientHeight || e.scrollWidth > e.clientWidth;
  /** The box sizes the last fit ended with: a resize callback for the size we set ourselves is skipped. */
  const sizes = (e: HTMLElement) => `${e.clientWidth}x${e.clientHeight}|${e.parentElement?.clientWidth}x${e.parentElement?.clientHeight}`;

  function fit(): void {
    const e = el.value;
    if (!e || !e.isConnected) return;
    e.style.fontSize = '';
    delete e.dataset.fit;
    const max = parseFloat(getComputedStyle(e).fontSize);
    const parentSize = e.parentElement ? parseFloat(getComputedStyle(e.parentElement).fontSize) : max;
    const min = Math.min(max, parentSize * minEm);
    if (!overflows(e) || !(max > 0)) {
      e.dataset.fit = 'full';
      last = sizes(e);
      return;
    }
    // Binary search on whole pixels (about seven layouts), keeping the largest size that fits.
    let lo = Math.ceil(min);
    let hi = Math.floor(max);
    let best = -1;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      e.style.fontSize = `${mid}px`;
      if (overflows(e)) hi = mid - 1;
      else {
        best = mid;
        lo = mid + 1;
      }
    }
    if (best < 0) {
      e.style.fontSize = `${Math.ceil(min)}px`;
      e.dataset.fit = 'min';
    } else {
      e.style.fontSize = `${best}px`;
      e.dataset.fit = 'shrunk';
    }
    last = sizes(e);
  }

  // One fit per frame at most, after Vue has patched the DOM.
  let pending = 0;
  function schedule(): void {
    if (pending) return;
    pending = requestAnimationFrame(() => {
      pending = 0;
      fit();
    });
  }

  function observe(): void {
    const e = el.value;
    if (e === observed) return;
    observer?.disconnect();
    observed = e;
    if (!e || typeof ResizeObserver === 'undefined') return;
    observer = new ResizeObserver(() => {
      if (el.value && sizes(el.value) !== last) schedule();
    });
    observer.observe(e);
    if (e.parentElement) observer.observe(e.parentElement);
  }

  watch([el, ...(opts.sources ?? [])], () => {
    void nextTick(() => {
      observe();
      fit();
    });
  }, { flush: 'post' });

  onMounted(() => {
    observe();
    fit();
    window.addEventListener('resize', schedule);
    void document.fonts?.ready.then(schedule);
  });
  onBeforeUnmount(() => {
    observer?.disconnect();
    window.removeEventListener('resize', schedule);
    if (pending) cancelAnimationFrame(pending);
  });
  return { fit };
}
