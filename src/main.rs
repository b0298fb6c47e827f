fn main() {
    console_error_panic_hook::set_once();
    papershelf_app::timing::mark("start");
    // Loaded by embed.js inside another page: `<papershelf-viewer>` mounts itself.
    if papershelf_app::embedded() {
        return;
    }
    // The app started: the "Loading papershelf…" line from index.html has done its job.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    // Mounting is a task of its own, after the one that compiled and started
    // the module: neither blocks the page for long.
    wasm_bindgen_futures::spawn_local(async {
        papershelf_app::timing::yield_to_browser().await;
        leptos::mount::mount_to_body(papershelf_app::App);
        // A linked post already on screen (the first view): the app waits out
        // of sight until its own page is ready, then takes over.
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
            .and_then(|b| b.last_element_child())
        {
            papershelf_web::first::wait(&root);
        }
        papershelf_app::timing::mark("mounted");
    });
}
