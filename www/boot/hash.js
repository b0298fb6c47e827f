// A post's content hash, as `papershelf index` writes it (crates/cli): the
// first 16 hex digits of the SHA-256 of its bytes. The boot code checks a
// drawing ahead against the text it fetched; the service worker keys kept
// posts by it. Tested against tests/rules/content-hash.json, as the CLI is.

/**
 * @param {string|ArrayBuffer|Uint8Array} content the post's text, or its bytes.
 * @param {SubtleCrypto} [subtle] where SubtleCrypto is (the page's or the worker's).
 * @returns {Promise<string>}
 */
export const contentHash = async (content, subtle = globalThis.crypto.subtle) => {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
};
