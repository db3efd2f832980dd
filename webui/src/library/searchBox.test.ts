import { describe, expect, it } from 'vitest';
import { initialBox, typed, urlChanged } from './searchBox';

describe('the search box and its URL', () => {
  it('keeps every key typed while the URL lags behind (the router applies each change later)', () => {
    let box = initialBox('');
    box = typed(box, 'a');
    box = urlChanged(box, ''); // told the URL again before the first write arrived: nothing changed
    box = typed(box, 'al');
    box = urlChanged(box, 'a'); // the first write catching up must not put the box back to "a"
    expect(box.text).toBe('al');
    box = typed(box, 'alp');
    box = typed(box, 'alph');
    box = urlChanged(box, 'alph'); // writes in between may never be seen: the last one seen settles them
    expect(box).toEqual({ text: 'alph', pushed: [], url: 'alph' });
  });

  it('takes the text of a navigation that is not one of its writes (back, a link)', () => {
    let box = typed(initialBox('first'), 'firs');
    box = urlChanged(box, 'firs');
    box = urlChanged(box, 'first'); // back
    expect(box).toEqual({ text: 'first', pushed: [], url: 'first' });
    expect(urlChanged(box, '').text).toBe(''); // the Search link: no query
  });

  it('tells a write coming back from the same text typed again later', () => {
    let box = typed(initialBox(''), 'a');
    box = typed(box, '');
    box = typed(box, 'a');
    box = urlChanged(box, 'a'); // the first "a"
    box = urlChanged(box, ''); // then the cleared box: still ours, the box keeps "a"
    expect(box.text).toBe('a');
    box = urlChanged(box, 'a');
    expect(box).toEqual({ text: 'a', pushed: [], url: 'a' });
  });
});
