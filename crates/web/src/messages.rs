//! The site's messages in the browser (`papershelf_core::messages`): one
//! table, the site's language with its own texts, which `papershelf
//! publish` writes into the page as `<script type="application/json"
//! id="papershelf-messages">` and `embed.js` hands an embedded viewer (the
//! shared object's `messages_table`, from `content/_papershelf/messages.json`).
//! The app and the first view read the same table, so no word changes when
//! the app takes over. Read once per page.

use papershelf_core::messages::Messages;
use std::cell::OnceCell;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;

/// The id of the page's element holding the table.
pub const ELEMENT_ID: &str = "papershelf-messages";

thread_local! {
    static TABLE: OnceCell<&'static Messages> = const { OnceCell::new() };
}

/// The table as JSON text, from the page or the shared object.
fn table_json() -> Option<String> {
    let from_page = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ELEMENT_ID))
        .and_then(|el| el.text_content());
    from_page.or_else(|| crate::shared::get("messages_table").and_then(|v| v.as_string()))
}

/// Reads `json` (an object of texts by key) into messages; what is not a
/// text is left out.
pub fn parse(json: &str) -> Messages {
    let mut texts = BTreeMap::new();
    if let Ok(value) = js_sys::JSON::parse(json) {
        if let Some(object) = value.dyn_ref::<js_sys::Object>() {
            for entry in js_sys::Object::entries(object).iter() {
                let pair: js_sys::Array = entry.unchecked_into();
                if let (Some(key), Some(text)) = (pair.get(0).as_string(), pair.get(1).as_string())
                {
                    texts.insert(key, text);
                }
            }
        }
    }
    Messages::from_texts(texts)
}

/// The site's messages (a key without a text reads as the key).
pub fn messages() -> &'static Messages {
    TABLE.with(|cell| {
        *cell.get_or_init(|| {
            let read = table_json().map(|json| parse(&json)).unwrap_or_default();
            Box::leak(Box::new(read))
        })
    })
}

/// The text of `key`.
pub fn t(key: &'static str) -> &'static str {
    messages().get(key)
}

/// The text of `key` with its `{name}` slots filled from `args`.
pub fn format(key: &str, args: &[(&str, &str)]) -> String {
    messages().format(key, args)
}

/// The count `n` of what `key` counts ("게시물 4개", "4 posts").
pub fn count(key: &str, n: usize) -> String {
    messages().count(key, n, &[])
}

/// A `YYYY-MM-DD` date as the site writes dates, with its day of the week
/// when `with_weekday`.
pub fn date(iso: &str, with_weekday: bool) -> String {
    messages().date(iso, with_weekday)
}

/// The site's language tag, as the table names it (`ko`, `en`).
pub fn lang() -> &'static str {
    t("lang")
}
