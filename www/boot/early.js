// Early answers the app takes (src/api.rs) instead of asking again: the post
// the URL links to, read to the end as {status, text}, and the index as a
// Response (the app reads it as it streams in). Kept in the shared object's
// `early`, by URL.

/** How long an early fetch may take before it is given up. */
export const EARLY_MS = 10000;

/**
 * The early answers, or a no-op where nothing is fetched early.
 * @param {Object<string, Promise>|null} answers where they are kept (null: nothing is fetched early).
 * @param {typeof fetch} [get] the fetch to use.
 */
export const earlyAnswers = (answers, get = (...args) => fetch(...args)) => {
  const ask = (url) => get(url, { cache: 'no-cache', signal: AbortSignal.timeout(EARLY_MS) });
  const asText = (answer) => answer.then((r) => r.text().then((text) => ({ status: r.status, text })));
  return {
    /** Whether anything is fetched early. */
    on: answers !== null,
    /** Fetches `url` (read to the end as {status, text} if `read`). */
    fetch(url, read) {
      if (!answers) return;
      const answer = ask(url);
      answers[url] = read ? asText(answer) : answer;
      answers[url].catch(() => {}); // the app reports failures; an unused one is not an error
    },
    /** Fetches `mdx` once `url` has answered 404 (an answer of 404 otherwise, without asking). */
    fallback(url, mdx) {
      if (!answers || !answers[url]) return;
      answers[mdx] = answers[url].then((a) => (a.status === 404 ? asText(ask(mdx)) : { status: 404, text: '' }));
      answers[mdx].catch(() => {});
    },
    /** `url` read as JSON (null for an error status or a failure), fetched as the early answers are. */
    json: (url) =>
      ask(url)
        .then((r) => (r.ok ? r.json() : null))
        .catch(() => null),
    /** The answer kept for `url`, or undefined. */
    get: (url) => answers?.[url],
  };
};
