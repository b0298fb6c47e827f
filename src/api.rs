//! The only place that fetches: the index and the posts, from the content directory.

use papershelf_core::index::INDEX_VERSION;
use papershelf_core::paths::mdx_fallback;
use papershelf_core::post::Post;
use papershelf_core::route::post_url;
use papershelf_web::messages;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestCache, RequestInit, Response};

/// Why a fetch gave no usable content, worded for the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The file is not there (404, or a host that answers with an HTML page).
    NotFound(String),
    /// The server answered with another error status.
    Status(u16, String),
    /// No answer at all: offline, refused, blocked by CORS.
    Network(String),
    /// No answer within [`TIMEOUT_MS`].
    Timeout(String),
    /// The file came but is not what it should be.
    Invalid(String),
    /// Offline, and the file is not saved on this device (the service
    /// worker's answer, 504; a gateway's timeout means the same to a reader).
    NotSaved(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let says = |key: &str, url: &str| messages::format(key, &[("url", url)]);
        let text = match self {
            FetchError::NotFound(url) => says("error.not-found", url),
            FetchError::Status(code, url) => {
                messages::format("error.status", &[("url", url), ("code", &code.to_string())])
            }
            FetchError::Network(url) => says("error.network", url),
            FetchError::Timeout(url) => messages::format(
                "error.timeout",
                &[("url", url), ("seconds", &(TIMEOUT_MS / 1000).to_string())],
            ),
            FetchError::Invalid(why) => why.clone(),
            FetchError::NotSaved(url) => says("error.offline", url),
        };
        f.write_str(&text)
    }
}

/// How long a request may take, body included.
pub const TIMEOUT_MS: i32 = 10_000;

/// GETs `url`, always asking the server whether the copy is fresh (a new
/// deploy is seen at once), and returns the response body as text.
pub async fn fetch_text(url: &str) -> Result<String, FetchError> {
    // The boot script may have read it already, as `{status, text}`: then the
    // post is shown in the same task that builds the page.
    if let Some(answer) = take_prefetched(url).await? {
        let status = field(&answer, "status").and_then(|s| s.as_f64());
        let text = field(&answer, "text").and_then(|t| t.as_string());
        if let (Some(status), Some(text)) = (status, text) {
            return status_ok(url, status as u16).map(|()| text);
        }
    }
    let (response, timer) = get(url).await?;
    let text = JsFuture::from(
        response
            .text()
            .map_err(|_| FetchError::Network(url.to_string()))?,
    )
    .await
    .map_err(|e| timer.error(url, &e))?;
    Ok(text.as_string().unwrap_or_default())
}

/// Fetches a post's Markdown. A host that serves an HTML page for a missing
/// file (status 200 or 404) counts as not found.
pub async fn fetch_post(url: &str) -> Result<String, FetchError> {
    let text = fetch_text(url).await?;
    let head = text
        .trim_start()
        .get(..15)
        .unwrap_or("")
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Err(FetchError::NotFound(url.to_string()));
    }
    Ok(text)
}

/// Fetches the post at `path` (relative to the content directory at
/// `base`); a `.md` not found is asked for as `.mdx` too, for a route
/// followed before the index says which file it is. Returns the file that
/// answered (or the one asked for) with the result.
pub async fn fetch_post_file(base: &str, path: &str) -> (String, Result<String, FetchError>) {
    let result = fetch_post(&post_url(base, path)).await;
    if let (Err(FetchError::NotFound(_)), Some(mdx)) = (&result, mdx_fallback(path)) {
        if let Ok(text) = fetch_post(&post_url(base, &mdx)).await {
            return (mdx, Ok(text));
        }
    }
    (path.to_string(), result)
}

/// GETs a JSON file, asking whether the copy is fresh, and reads it with
/// the browser's own parser. An HTML page where JSON should be counts as
/// not found (a host answering a missing file with its home page).
pub async fn fetch_json(url: &str) -> Result<JsValue, FetchError> {
    let text = fetch_text(url).await?;
    if text.trim_start().starts_with('<') {
        return Err(FetchError::NotFound(url.to_string()));
    }
    js_sys::JSON::parse(&text)
        .map_err(|_| FetchError::Invalid(messages::format("error.json", &[("url", url)])))
}

/// GETs a file whose name changes with its content (a search index piece):
/// a copy in the browser's cache is used as it is, never asked for again.
pub async fn fetch_immutable(url: &str) -> Result<js_sys::Uint8Array, FetchError> {
    let timer = Timer::start();
    let response = request_with(url, &timer, RequestCache::Default)
        .await
        .map_err(|e| timer.error(url, &e))?;
    status_ok(url, response.status())?;
    let buffer = JsFuture::from(
        response
            .array_buffer()
            .map_err(|_| FetchError::Network(url.to_string()))?,
    )
    .await
    .map_err(|e| timer.error(url, &e))?;
    Ok(js_sys::Uint8Array::new(&buffer))
}

/// `index.json` as fetched, its posts not yet read: see [`IndexPosts::post`].
pub struct IndexPosts {
    url: String,
    /// One JSON text per post (the CLI's one-post-per-line layout), or, for
    /// an index written on one line, the posts already parsed.
    items: js_sys::Array,
    lines: bool,
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `JSON.parse` on a JS string, without copying it into Rust first.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
}

/// Fetches `index.json` and checks its version. The CLI writes the header on
/// the first line and one post per line; such an index is split here and
/// each post is parsed by the browser's own `JSON.parse` only when asked for
/// (see [`IndexPosts::post`]), so a large index can be read a few posts at a
/// time. An index on one line is parsed whole.
///
/// Measured against it: copying the body into wasm and reading each post with
/// serde_json reads the posts of a 25,000-entry index twice as fast (the
/// load went from about 480 to 320 ms), but adds 14 KB gzipped to the app,
/// and `make bench` then saw main-thread tasks of 60-71 ms (the larger
/// module's start, a tag click right after the load); so not taken.
pub async fn fetch_index(url: &str) -> Result<IndexPosts, FetchError> {
    let (response, timer) = get(url).await?;
    let lines = read_lines(&response)
        .await
        .map_err(|e| timer.error(url, &e))?;
    drop(timer);
    let not_json = || FetchError::Invalid(messages::format("error.json", &[("url", url)]));
    let header = js_sys::JsString::from(lines.get(0));
    let by_line = lines.length() > 1 && {
        let head = header.trim_end();
        head.ends_with("[", head.length() as i32)
    };
    let (value, items) = if by_line {
        // `{"version":1,"posts":[` closed, to read the version.
        let header = json_parse(&header.concat(&"]}".into())).map_err(|_| not_json())?;
        let last = lines.length() - 1;
        let end = (1..=last)
            .rev()
            .find(|&i| js_sys::JsString::from(lines.get(i)).trim().length() > 0)
            .unwrap_or(0);
        if end == 0 || js_sys::JsString::from(lines.get(end)).trim() != "]}" {
            return Err(not_json());
        }
        (header, lines.slice(1, end))
    } else {
        let value = json_parse(&lines.join("\n")).map_err(|_| not_json())?;
        let posts = field(&value, "posts").and_then(|p| p.dyn_into::<js_sys::Array>().ok());
        (value, posts.unwrap_or_default())
    };
    crate::timing::measure("index:fetch", "index:start");
    let fields_missing = || FetchError::Invalid(messages::format("error.fields", &[("url", url)]));
    let version = field(&value, "version")
        .and_then(|v| v.as_f64())
        .ok_or_else(fields_missing)?;
    if version != f64::from(INDEX_VERSION) {
        return Err(FetchError::Invalid(messages::format(
            "error.version",
            &[
                ("url", url),
                ("version", &version.to_string()),
                ("want", &INDEX_VERSION.to_string()),
            ],
        )));
    }
    if !field(&value, "posts").is_some_and(|p| p.is_array()) {
        return Err(fields_missing());
    }
    Ok(IndexPosts {
        url: url.to_string(),
        items,
        lines: by_line,
    })
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The browser's `TextDecoder`, bound here so its text stays a JS string.
    type TextDecoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextDecoder;
    /// `decode(bytes, {stream})`.
    #[wasm_bindgen(method)]
    fn decode(this: &TextDecoder, bytes: &JsValue, options: &JsValue) -> js_sys::JsString;
}

/// How much of the index body is decoded and split in one step.
const PIECE_BYTES: u32 = 128 * 1024;

/// A response body as its lines, read chunk by chunk as it arrives and
/// decoded here rather than in one piece by `text()`, so a large index never
/// blocks the page: it works in [`crate::timing::Slices`].
async fn read_lines(response: &Response) -> Result<js_sys::Array, JsValue> {
    let mut lines = js_sys::Array::new();
    let Some(body) = response.body() else {
        let text = JsFuture::from(response.text()?).await?;
        return Ok(js_sys::JsString::from(text).split("\n"));
    };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let decoder = TextDecoder::new();
    let streaming = js_sys::Object::new();
    js_sys::Reflect::set(&streaming, &"stream".into(), &true.into())?;
    let mut tail = js_sys::JsString::from("");
    let mut slices = crate::timing::Slices::start();
    loop {
        let chunk = JsFuture::from(reader.read()).await?;
        if js_sys::Reflect::get(&chunk, &"done".into())?.is_truthy() {
            break;
        }
        // A chunk can be megabytes: it is decoded a piece at a time, so no
        // single step keeps the main thread for long.
        let bytes: js_sys::Uint8Array =
            js_sys::Reflect::get(&chunk, &"value".into())?.unchecked_into();
        let mut at = 0;
        while at < bytes.length() {
            let end = (at + PIECE_BYTES).min(bytes.length());
            let text = decoder.decode(&bytes.subarray(at, end), &streaming);
            if text.includes("\n", 0) {
                let parts = tail.concat(&text).split("\n");
                tail = parts.pop().unchecked_into();
                // One call, not one per line.
                lines = lines.concat(&parts);
            } else {
                // Within one long line (an index written on one line).
                tail = tail.concat(&text);
            }
            at = end;
            slices.check().await;
        }
    }
    let rest = decoder.decode(&JsValue::UNDEFINED, &JsValue::UNDEFINED);
    lines.push(&tail.concat(&rest));
    Ok(lines)
}

fn field(value: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(value, &name.into())
        .ok()
        .filter(|v| !v.is_undefined())
}

impl IndexPosts {
    /// How many posts the index holds.
    pub fn len(&self) -> u32 {
        self.items.length()
    }

    /// Whether the index holds no posts.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Post `i`, as the core's [`Post`]: parsed by the browser's
    /// `JSON.parse` and read into Rust with serde-wasm-bindgen.
    pub fn post(&self, i: u32) -> Result<Post, FetchError> {
        let item = self.items.get(i);
        let value = if self.lines {
            let line = js_sys::JsString::from(item);
            let line = line.trim_end();
            let n = line.length();
            let line = if n > 0 && line.char_code_at(n - 1) == f64::from(b',') {
                line.slice(0, n - 1)
            } else {
                line
            };
            json_parse(&line).map_err(|_| {
                FetchError::Invalid(messages::format(
                    "error.line",
                    &[("url", &self.url), ("line", &(i + 2).to_string())],
                ))
            })?
        } else {
            item
        };
        serde_wasm_bindgen::from_value(value).map_err(|e| {
            FetchError::Invalid(messages::format(
                "error.post",
                &[
                    ("url", &self.url),
                    ("n", &(i + 1).to_string()),
                    ("why", &e.to_string()),
                ],
            ))
        })
    }
}

/// Whether `e` is the `TimeoutError` of `AbortSignal.timeout` (the boot
/// script's prefetches use it).
fn is_timeout(e: &JsValue) -> bool {
    js_sys::Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .is_some_and(|n| n == "TimeoutError")
}

/// Aborts a request after [`TIMEOUT_MS`]; cleared when dropped.
struct Timer {
    controller: Option<web_sys::AbortController>,
    handle: Option<i32>,
    _abort: Closure<dyn FnMut()>,
}

impl Timer {
    fn start() -> Timer {
        let controller = web_sys::AbortController::new().ok();
        let for_timer = controller.clone();
        let abort = Closure::<dyn FnMut()>::new(move || {
            if let Some(c) = &for_timer {
                c.abort();
            }
        });
        let handle = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                abort.as_ref().unchecked_ref(),
                TIMEOUT_MS,
            )
            .ok()
        });
        Timer {
            controller,
            handle,
            _abort: abort,
        }
    }

    /// The error for a request that failed with `e`: a timeout if the timer
    /// (or, for a prefetched answer, the boot script's own timeout) fired.
    fn error(&self, url: &str, e: &JsValue) -> FetchError {
        if is_timeout(e)
            || self
                .controller
                .as_ref()
                .is_some_and(|c| c.signal().aborted())
        {
            FetchError::Timeout(url.to_string())
        } else {
            FetchError::Network(url.to_string())
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let (Some(w), Some(h)) = (web_sys::window(), self.handle) {
            w.clear_timeout_with_handle(h);
        }
    }
}

/// The early answers (`url` → promise): the boot script's (the linked
/// post, the index) and [`fetch_early`]'s, in the shared object's `early`.
/// Made when `create` and there are none yet.
fn early_answers(create: bool) -> Option<js_sys::Object> {
    if create {
        papershelf_web::shared::get_or_make("early")
    } else {
        papershelf_web::shared::get("early")?.dyn_into().ok()
    }
}

/// Fetches `url` ahead of time into the early answers, as `{status, text}`
/// like the boot script's, unless one is there already; [`fetch_post`] then
/// takes it. An answer not taken within `keep_ms` is dropped, so a post
/// edited meanwhile is asked for again. A failure is not reported here (the
/// answer is then `undefined`): the page, if opened, asks again and says
/// what happens then.
pub fn fetch_early(url: &str, keep_ms: i32) {
    let (Some(window), Some(early)) = (web_sys::window(), early_answers(true)) else {
        return;
    };
    if js_sys::Reflect::has(&early, &url.into()).unwrap_or(true) {
        return;
    }
    let for_read = url.to_string();
    let answer = wasm_bindgen_futures::future_to_promise(async move {
        Ok(read_answer(&for_read).await.unwrap_or(JsValue::UNDEFINED))
    });
    if js_sys::Reflect::set(&early, &url.into(), &answer).is_err() {
        return;
    }
    let for_timer = url.to_string();
    let drop_it = Closure::once_into_js(move || {
        // Unless it was taken (or replaced) meanwhile.
        if js_sys::Reflect::get(&early, &for_timer.as_str().into())
            .is_ok_and(|a| a == JsValue::from(&answer))
        {
            let _ = js_sys::Reflect::delete_property(&early, &for_timer.into());
        }
    });
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(drop_it.unchecked_ref(), keep_ms);
}

/// The answer asked for ahead of time (by the boot script or
/// [`fetch_early`]), taken once: a retry asks the server again. `None` when
/// there is none, or when it failed other than by timing out (then asking
/// again reports what happens now).
async fn take_prefetched(url: &str) -> Result<Option<JsValue>, FetchError> {
    let Some(early) = early_answers(false) else {
        return Ok(None);
    };
    let Some(promise) = js_sys::Reflect::get(&early, &url.into())
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    else {
        return Ok(None);
    };
    let _ = js_sys::Reflect::delete_property(&early, &url.into());
    match JsFuture::from(promise).await {
        Ok(answer) => Ok(Some(answer)),
        // It gave up after the same 10 s.
        Err(e) if is_timeout(&e) => Err(FetchError::Timeout(url.to_string())),
        Err(_) => Ok(None),
    }
}

async fn get(url: &str) -> Result<(Response, Timer), FetchError> {
    let timer = Timer::start();
    if let Some(response) = take_prefetched(url).await? {
        if let Ok(response) = response.dyn_into::<Response>() {
            status_ok(url, response.status())?;
            return Ok((response, timer));
        }
    }
    let response = request(url, &timer)
        .await
        .map_err(|e| timer.error(url, &e))?;
    status_ok(url, response.status())?;
    Ok((response, timer))
}

/// GETs `url`, asking the server whether the copy is fresh, until `timer` aborts it.
async fn request(url: &str, timer: &Timer) -> Result<Response, JsValue> {
    request_with(url, timer, RequestCache::NoCache).await
}

/// GETs `url` with the given cache mode, until `timer` aborts it.
async fn request_with(url: &str, timer: &Timer, cache: RequestCache) -> Result<Response, JsValue> {
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_cache(cache);
    if let Some(c) = &timer.controller {
        init.set_signal(Some(&c.signal()));
    }
    let request = Request::new_with_str_and_init(url, &init)?;
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    JsFuture::from(window.fetch_with_request(&request))
        .await?
        .dyn_into()
}

/// Reads `url` into an early answer `{status, text}`, as the boot script
/// does for a linked post.
async fn read_answer(url: &str) -> Result<JsValue, JsValue> {
    let timer = Timer::start();
    let response = request(url, &timer).await?;
    let text = JsFuture::from(response.text()?).await?;
    let answer = js_sys::Object::new();
    js_sys::Reflect::set(&answer, &"status".into(), &response.status().into())?;
    js_sys::Reflect::set(&answer, &"text".into(), &text)?;
    Ok(answer.into())
}

/// An HTTP status as success or the error the reader sees.
fn status_ok(url: &str, status: u16) -> Result<(), FetchError> {
    match status {
        200..=299 => Ok(()),
        404 | 410 => Err(FetchError::NotFound(url.to_string())),
        504 => Err(FetchError::NotSaved(url.to_string())),
        code => Err(FetchError::Status(code, url.to_string())),
    }
}
