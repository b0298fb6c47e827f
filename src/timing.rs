//! Keeping the main thread free: work in slices, `performance` marks for
//! `make bench`.

/// How long one slice of work (reading the index) may run before the page
/// gets the main thread back (the budget for a whole task is 50 ms).
pub const SLICE_MS: f64 = 10.0;

/// `performance.now()`, or 0 where there is no `performance`.
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Records a `performance.mark` named `papershelf:<name>`; `make bench` reads
/// them to say where the time to the first post goes.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(&format!("papershelf:{name}"));
    }
}

/// Records a `performance.measure` named `papershelf:<name>` from the mark
/// `papershelf:<from>` to now.
pub fn measure(name: &str, from: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ =
            p.measure_with_start_mark(&format!("papershelf:{name}"), &format!("papershelf:{from}"));
    }
}

/// Lets the browser paint and handle input before going on.
pub async fn yield_to_browser() {
    sleep(0).await;
}

/// Waits for the next animation frame (the page drawn since).
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits `ms` milliseconds, the page free meanwhile.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A loop's work cut into slices of [`SLICE_MS`]: call [`Slices::check`]
/// between steps.
pub struct Slices {
    start: f64,
}

impl Slices {
    /// A first slice, starting now.
    pub fn start() -> Slices {
        Slices { start: now() }
    }

    /// Gives the main thread back if this slice has run its time.
    pub async fn check(&mut self) {
        if now() - self.start > SLICE_MS {
            yield_to_browser().await;
            self.start = now();
        }
    }
}
