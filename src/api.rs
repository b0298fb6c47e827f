//! The only place that fetches: the index and the posts, from the content directory.

use papershelf_core::index::IndexText;
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
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::NotFound(url) => write!(f, "{url} was not found on the server."),
            FetchError::Status(code, url) => write!(f, "The server answered {code} for {url}. Try again in a moment."),
            FetchError::Network(url) => write!(
                f,
                "Could not reach {url}. Check your connection; if the content is on another site, that site must allow it (CORS)."
            ),
            FetchError::Timeout(url) => write!(
                f,
                "{url} took longer than {} seconds to answer. Check your connection and try again.",
                TIMEOUT_MS / 1000
            ),
            FetchError::Invalid(why) => write!(f, "{why}"),
        }
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

/// Fetches `index.json` and checks its version; its posts are read one at a
/// time with [`IndexText::post`], so a large index can be taken a few posts
/// at a time. The body is read as bytes as it arrives and parsed in Rust
/// (serde_json): measured on a 25,000-entry index that is twice as fast as
/// the browser's `JSON.parse` with each post then read into Rust through
/// serde-wasm-bindgen, whose every string crosses into wasm on its own.
pub async fn fetch_index(url: &str) -> Result<IndexText, FetchError> {
    let (response, timer) = get(url).await?;
    let bytes = read_bytes(&response)
        .await
        .map_err(|e| timer.error(url, &e))?;
    drop(timer);
    // Finding the lines of a large index is a task of its own.
    crate::timing::yield_to_browser().await;
    let index = IndexText::parse(bytes).map_err(|e| FetchError::Invalid(e.describe(url)));
    crate::timing::measure("index:fetch", "index:start");
    index
}

/// A response body's bytes, copied into Rust chunk by chunk as they arrive,
/// in [`crate::timing::Slices`]: chunks already there are read without a
/// task boundary between them, which would add up to one long task.
async fn read_bytes(response: &Response) -> Result<Vec<u8>, JsValue> {
    let Some(body) = response.body() else {
        let buffer = JsFuture::from(response.array_buffer()?).await?;
        return Ok(js_sys::Uint8Array::new(&buffer).to_vec());
    };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    let mut slices = crate::timing::Slices::start();
    loop {
        slices.check().await;
        let chunk = JsFuture::from(reader.read()).await?;
        if js_sys::Reflect::get(&chunk, &"done".into())?.is_truthy() {
            break;
        }
        let chunk: js_sys::Uint8Array =
            js_sys::Reflect::get(&chunk, &"value".into())?.unchecked_into();
        let at = bytes.len();
        bytes.resize(at + chunk.length() as usize, 0);
        chunk.copy_to(&mut bytes[at..]);
    }
    Ok(bytes)
}

fn field(value: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(value, &name.into())
        .ok()
        .filter(|v| !v.is_undefined())
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

/// The answer the boot script already asked for (`__papershelfPrefetch`),
/// taken once: a retry asks the server again. `None` when there is none, or
/// when it failed other than by timing out (then asking again reports what
/// happens now).
async fn take_prefetched(url: &str) -> Result<Option<JsValue>, FetchError> {
    let early = js_sys::Reflect::get(&js_sys::global(), &"__papershelfPrefetch".into())
        .ok()
        .filter(|e| e.is_object());
    let Some(early) = early else { return Ok(None) };
    let Some(promise) = js_sys::Reflect::get(&early, &url.into())
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    else {
        return Ok(None);
    };
    let _ = js_sys::Reflect::delete_property(early.unchecked_ref::<js_sys::Object>(), &url.into());
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
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_cache(RequestCache::NoCache);
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
/// does for a linked post, for [`crate::prefetch`].
pub async fn read_answer(url: String) -> Result<JsValue, JsValue> {
    let timer = Timer::start();
    let response = request(&url, &timer).await?;
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
        code => Err(FetchError::Status(code, url.to_string())),
    }
}
