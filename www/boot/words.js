// The site's messages on the page's side (crates/core/src/messages.rs holds
// the tables; `papershelf publish` writes the site's one into the page as
// <script type="application/json" id="papershelf-messages">). The rules
// (slots, counts, dates) are the Rust ones, both tested against
// tests/rules/messages.json.

/** The page's table of messages, read once per document: an object of texts by key. */
const tables = new WeakMap();
export const tableOf = (doc = globalThis.document) => {
  if (!doc) return {};
  if (!tables.has(doc)) {
    let table = {};
    try {
      table = JSON.parse(doc.getElementById('papershelf-messages')?.textContent || '{}') || {};
    } catch (e) {
      // a broken table: every message reads as its key
    }
    tables.set(doc, table);
  }
  return tables.get(doc);
};

/** `template` with each `{name}` slot of `args` filled; other slots stay as written. */
export const fill = (template, args = {}) =>
  template.replace(/\{([^{}]*)\}/g, (slot, name) => (Object.hasOwn(args, name) ? String(args[name]) : slot));

/** Messages read from `table` (a key without a text reads as the key). */
export const wordsOf = (table) => {
  const get = (key) => (typeof table[key] === 'string' ? table[key] : key);
  const say = (key, args) => fill(get(key), args);
  /** The count `n` of what `key` counts: `<key>.one` for 1, else `<key>.other`. */
  const count = (key, n, args = {}) => fill(get(`${key}.${n === 1 ? 'one' : 'other'}`), { n, ...args });
  const parse = (iso) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso).trim());
    if (!m) return null;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? { year, month, day } : null;
  };
  /** A `YYYY-MM-DD` date as the site writes dates, with its day of the week when asked. */
  const date = (iso, withWeekday = false) => {
    const d = parse(iso);
    if (!d) return String(iso);
    const text = say('date', { year: d.year, month: get(`month.${d.month}`), day: d.day });
    if (!withWeekday) return text;
    const weekday = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
    return say('date.weekday', { date: text, weekday: get(`weekday.${weekday}`) });
  };
  /** A list's month (`YYYY-MM`) as the site writes it. */
  const month = (yearMonth) => {
    const d = parse(`${yearMonth}-01`);
    return d ? say('month.title', { year: d.year, month: get(`month.${d.month}`) }) : get('undated');
  };
  return { get, say, count, date, month };
};

/** The page's messages. */
export const words = (doc = globalThis.document) => wordsOf(tableOf(doc));
