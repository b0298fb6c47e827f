//! The one global object through which the page's scripts and the wasm
//! modules meet: `globalThis.__papershelf`. Its fields are listed, with who
//! writes and who reads each, in `www/boot/shared.js`.

use wasm_bindgen::{JsCast, JsValue};

/// The name of the shared object on `globalThis`.
const SHARED: &str = "__papershelf";

/// The shared object, made if `create` and the page has none yet.
fn object(create: bool) -> Option<js_sys::Object> {
    let global = js_sys::global();
    match js_sys::Reflect::get(&global, &SHARED.into()) {
        Ok(o) if o.is_object() => Some(o.unchecked_into()),
        _ if create => {
            let o = js_sys::Object::new();
            js_sys::Reflect::set(&global, &SHARED.into(), &o).ok()?;
            Some(o)
        }
        _ => None,
    }
}

/// The shared object's `name` field, if the page set it (not `undefined` or `null`).
pub fn get(name: &str) -> Option<JsValue> {
    let shared: JsValue = object(false)?.into();
    let value = js_sys::Reflect::get(&shared, &name.into()).ok()?;
    (!value.is_undefined() && !value.is_null()).then_some(value)
}

/// The shared object's `name` field as an object, made (with the shared
/// object) if there is none.
pub fn get_or_make(name: &str) -> Option<js_sys::Object> {
    let shared = object(true)?;
    match js_sys::Reflect::get(&shared, &name.into()) {
        Ok(v) if v.is_object() => Some(v.unchecked_into()),
        _ => {
            let o = js_sys::Object::new();
            js_sys::Reflect::set(&shared, &name.into(), &o).ok()?;
            Some(o)
        }
    }
}
