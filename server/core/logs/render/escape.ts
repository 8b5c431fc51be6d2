/**
 * Everything from a log reaches HTML through here: the five characters that carry markup
 * in text and attribute values, and control characters, which a log may hold.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '\ufffd');
}
