/** One dispatched server-sent event: its `event:` name (default `message`) and its joined `data:` lines. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * An incremental parser for `text/event-stream` as the WHATWG HTML standard defines it (§9.2.6):
 * lines end in CRLF, LF or CR; a blank line dispatches the event; `:` starts a comment; one space
 * after the field colon is dropped; several `data:` lines join with LF. Chunks may split anywhere,
 * even between CR and LF, because network reads do. `end()` dispatches a last event that a server
 * closed without its blank line (several OpenAI-compatible servers do).
 */
export function createSseParser(onEvent: (event: SseEvent) => void) {
  let buffer = '';
  let pendingCr = false;
  let data: string[] = [];
  let eventName = '';

  const dispatch = () => {
    if (data.length) onEvent({ event: eventName || 'message', data: data.join('\n') });
    data = [];
    eventName = '';
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') eventName = value;
  };

  return {
    push(chunk: string): void {
      let text = chunk;
      // A CR ending the previous chunk already ended its line; an LF opening this one belongs to it.
      if (pendingCr && text.startsWith('\n')) text = text.slice(1);
      pendingCr = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c !== '\n' && c !== '\r') continue;
        line(buffer.slice(start, i));
        if (c === '\r') {
          if (i + 1 < buffer.length) {
            if (buffer[i + 1] === '\n') i++;
          } else pendingCr = true;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
    end(): void {
      if (buffer !== '') line(buffer);
      buffer = '';
      dispatch();
    },
  };
}

/** All events of a complete stream text. */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((e) => events.push(e));
  parser.push(text);
  parser.end();
  return events;
}
