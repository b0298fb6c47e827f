fn main() {
    console_error_panic_hook::set_once();
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
    leptos::mount::mount_to_body(papershelf_app::App);
}
