/** Short quotes of document text for messages. */

/**
 * At most `max` characters of `text`, cut with "..." when longer: a message quotes what it
 * is about, and a 1 MB name must not make a 1 MB diagnostic.
 */
export function excerpt(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
