/**
 * What the search box shows, kept apart from the URL it is mirrored to. The query lives in the URL (?q=) so a reload
 * or a shared link shows the same results, but the router applies URL changes later than a key press (a transition):
 * an input bound to the URL alone was put back to the old text between two keys and lost the second one ("alph"
 * typed, "aph" searched). The box now shows what was typed; the URL follows it, and a URL change that is not one of
 * ours catching up (back, forward, a link) replaces the text.
 */
export interface SearchBox {
  /** What the box shows and the search asks for. */
  text: string;
  /** What was written to the URL and not seen back yet, oldest first. */
  pushed: string[];
  /** The URL's text when last told. */
  url: string;
}

export function initialBox(url: string): SearchBox {
  return { text: url, pushed: [], url };
}

/** A key press: the box shows {@code value}, which is also written to the URL. */
export function typed(box: SearchBox, value: string): SearchBox {
  return { ...box, text: value, pushed: [...box.pushed, value] };
}

/**
 * The URL now says {@code url}: one of our writes catching up (the box keeps what was typed since, and the writes
 * before it will not come back on their own) or a navigation (the box takes the URL's text).
 */
export function urlChanged(box: SearchBox, url: string): SearchBox {
  if (url === box.url) {
    return box; // told again (a render, an effect run twice): nothing happened
  }
  const at = box.pushed.indexOf(url);
  if (at >= 0) {
    return { text: box.text, pushed: box.pushed.slice(at + 1), url };
  }
  return { text: url, pushed: [], url };
}
