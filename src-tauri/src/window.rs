//! The main window: its title (the open roadmap), fitting it to the screen
//! it is on (a remembered size from a larger or a gone monitor), and
//! bringing it to the front when a second launch hands over to it.

use tauri::{Manager, PhysicalPosition, PhysicalSize, Runtime, WebviewWindow};

/// The window's label (`tauri.conf.json`, `capabilities/main.json`).
pub const MAIN: &str = "main";

/// The product name, last in every title.
const PRODUCT: &str = "Feuilles de route";

/// « Thème 10 — Les parcours d’insertion — Feuilles de route », or the
/// product name alone on the start screen.
pub fn title(theme: Option<(i64, &str)>) -> String {
    match theme {
        Some((number, name)) if !name.trim().is_empty() => format!("Thème {number} — {} — {PRODUCT}", name.trim()),
        Some((number, _)) => format!("Thème {number} — {PRODUCT}"),
        None => PRODUCT.to_string(),
    }
}

/// Sets the title; a failure is logged, never shown (the title is a help).
pub fn set_title<R: Runtime>(window: &WebviewWindow<R>, theme: Option<(i64, &str)>) {
    if let Err(e) = window.set_title(&title(theme)) {
        log::warn!("titre de la fenêtre non modifié : {e}");
    }
}

/// A rectangle in physical pixels: x, y, width, height.
pub type Rect = (i32, i32, u32, u32);

/// Where a window at `window` should go to lie wholly inside `work` (the
/// monitor's work area, without the taskbar), or `None` when it does: no
/// larger than the work area, moved in as little as needed.
pub fn fit(window: Rect, work: Rect) -> Option<Rect> {
    let (x, y, w, h) = window;
    let (wx, wy, ww, wh) = work;
    let inside = x >= wx && y >= wy && x + w as i32 <= wx + ww as i32 && y + h as i32 <= wy + wh as i32;
    if inside {
        return None;
    }
    let (w, h) = (w.min(ww), h.min(wh));
    let x = x.clamp(wx, wx + (ww - w) as i32);
    let y = y.clamp(wy, wy + (wh - h) as i32);
    Some((x, y, w, h))
}

/// Brings the window inside the work area of the monitor it is on (or the
/// primary one, when the remembered monitor has gone).
pub fn fit_to_screen<R: Runtime>(window: &WebviewWindow<R>) {
    let monitor = window
        .current_monitor()
        .ok()
        .flatten()
        .or_else(|| window.primary_monitor().ok().flatten());
    let (Some(monitor), Ok(position), Ok(size)) = (monitor, window.outer_position(), window.outer_size()) else {
        return;
    };
    let area = monitor.work_area();
    let work = (area.position.x, area.position.y, area.size.width, area.size.height);
    if let Some((x, y, w, h)) = fit((position.x, position.y, size.width, size.height), work) {
        log::info!("fenêtre ramenée dans l’écran : {w}×{h} en {x},{y}");
        // The inner size is the outer one less the frame.
        let inner = window.inner_size().unwrap_or(size);
        let frame = (
            size.width.saturating_sub(inner.width),
            size.height.saturating_sub(inner.height),
        );
        let _ = window.set_size(PhysicalSize::new(w.saturating_sub(frame.0), h.saturating_sub(frame.1)));
        let _ = window.set_position(PhysicalPosition::new(x, y));
    }
}

/// How WebKitGTK draws the page on Linux, chosen before GTK starts (it reads
/// the environment once): without GPU compositing (`WEBKIT_DISABLE_COMPOSITING_MODE`),
/// unless `FDR_WEBKIT=gpu`, or the user's environment already says.
///
/// Measured on the release build under Xvfb (docs/benchmarks-app.md, run E):
/// GPU compositing there is Mesa's software OpenGL, which cost ~100 MB in the
/// web process at rest (343 → 248 MB over all processes) and made every
/// figure slower: the 400-action list 299 → 174 ms, the longest frame gap
/// while typing 58 → 18 ms, edit p95 35 → 28 ms, cold start 580 → 460 ms.
/// Scrolling the editor repainted in 17 ms frames instead of gaps of 177 ms.
/// A desktop with a real GPU loses only smooth compositing of animations,
/// which the DSFR barely has. The setting applied at run time instead
/// (`HardwareAccelerationPolicy::Never` on the view, tried before) switched
/// an already started web process, and made the pages slow to drive.
pub fn choose_compositing() {
    let _ = DRAWING.set(compositing());
}

/// What [`choose_compositing`] chose, for the journal (empty before).
pub fn drawing() -> &'static str {
    DRAWING.get().copied().unwrap_or_default()
}

static DRAWING: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();

/// Whether to turn GPU compositing off, and how to say so: from whether
/// `WEBKIT_DISABLE_COMPOSITING_MODE` is already set and from `FDR_WEBKIT`.
fn compositing_choice(already_set: bool, fdr_webkit: Option<&str>) -> (bool, &'static str) {
    if already_set {
        (false, "réglé par l’environnement (WEBKIT_DISABLE_COMPOSITING_MODE)")
    } else if fdr_webkit.is_some_and(|v| v.trim() == "gpu") {
        (false, "composition par le processeur graphique (FDR_WEBKIT=gpu)")
    } else {
        (true, "sans composition par le processeur graphique")
    }
}

#[cfg(target_os = "linux")]
fn compositing() -> &'static str {
    const VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    let fdr_webkit = std::env::var("FDR_WEBKIT").ok();
    let (turn_off, said) = compositing_choice(std::env::var_os(VARIABLE).is_some(), fdr_webkit.as_deref());
    if turn_off {
        // Before any thread is started: `run` calls this first. Without the
        // DMA-BUF renderer either, the window process does not set up Mesa's
        // buffers for a compositor it will not use (4 MB at rest).
        std::env::set_var(VARIABLE, "1");
        if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
            std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
        }
        let wayland = std::env::var_os("WAYLAND_DISPLAY").is_some();
        let backend = std::env::var("GDK_BACKEND").ok();
        if window_without_opengl(wayland, backend.as_deref()) && keep_opengl_out_of_the_window_process() {
            return "sans composition par le processeur graphique ; OpenGL laissé au seul processus de la page";
        }
    }
    said
}

/// Whether the window process can do without OpenGL once compositing is
/// off: on X11 only. There GTK would load Mesa through GLX to choose its
/// visuals and WebKit would query EGL, though neither draws with it (the
/// page arrives as an image drawn by the web process); on Wayland GTK
/// itself goes through EGL, so nothing is changed there.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn window_without_opengl(wayland_display: bool, gdk_backend: Option<&str>) -> bool {
    // GDK tries the backends in `GDK_BACKEND`'s order; by default Wayland
    // when there is one.
    match gdk_backend.and_then(|b| b.split(',').next()).map(str::trim) {
        Some("x11") => true,
        None | Some("" | "*") => !wayland_display,
        Some(_) => false,
    }
}

/// Keeps Mesa out of the window process, the web process keeping it.
///
/// Mesa's driver links LLVM, whose 20 MB of relocated tables were paid by
/// both processes (docs/benchmarks-app.md): 242 → 225–227 MB at rest over all
/// processes. GTK's GL is turned off (`GDK_GL=disable`, unless set), and
/// libEGL (glvnd) is made to read its list of vendors here while that list
/// is empty: it reads it once per process, so WebKit's window process finds
/// no EGL, which it does not need without compositing. The list's variable
/// is restored at once, so the web process, started later with this
/// environment, loads Mesa as before (it cannot run without EGL). Nothing
/// is changed when libEGL is not glvnd's (it then answers with extensions).
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn keep_opengl_out_of_the_window_process() -> bool {
    const VENDORS: &str = "__EGL_VENDOR_LIBRARY_FILENAMES";
    /// `EGL_EXTENSIONS`; with `EGL_NO_DISPLAY` (null) the client extensions.
    const EGL_EXTENSIONS: i32 = 0x3055;
    type QueryString = unsafe extern "C" fn(*mut libc::c_void, i32) -> *const libc::c_char;
    let before = std::env::var_os(VENDORS);
    std::env::set_var(VENDORS, "/nonexistent/feuilles-de-route/sans-egl.json");
    // SAFETY: `dlopen` with RTLD_NOLOAD only returns the handle of libEGL,
    // already loaded with WebKit (null otherwise); `dlsym` looks up a symbol
    // whose C signature is `const char *eglQueryString(EGLDisplay, EGLint)`,
    // which `QueryString` matches; EGL_NO_DISPLAY with EGL_EXTENSIONS is a
    // valid query before any display exists; its result, when not null, is
    // a NUL-terminated string owned by libEGL, only read here. This runs
    // first in `run`, before any other thread, so the environment is not
    // read concurrently.
    let emptied = unsafe {
        let lib = libc::dlopen(c"libEGL.so.1".as_ptr(), libc::RTLD_NOW | libc::RTLD_NOLOAD);
        let symbol = if lib.is_null() {
            std::ptr::null_mut()
        } else {
            libc::dlsym(lib, c"eglQueryString".as_ptr())
        };
        if symbol.is_null() {
            false
        } else {
            let query: QueryString = std::mem::transmute::<*mut libc::c_void, QueryString>(symbol);
            let answer = query(std::ptr::null_mut(), EGL_EXTENSIONS);
            answer.is_null() || *answer == 0
        }
    };
    match before {
        Some(v) => std::env::set_var(VENDORS, v),
        None => std::env::remove_var(VENDORS),
    }
    if emptied && std::env::var_os("GDK_GL").is_none() {
        std::env::set_var("GDK_GL", "disable");
    }
    emptied
}

#[cfg(not(target_os = "linux"))]
fn compositing() -> &'static str {
    "réglage du système"
}

/// The page's language is French whatever the system's: WebKitGTK formats
/// date fields in the process's locale (« 06/30/2022 » under `C` or
/// `en_US`, seen in the e2e screenshots), and an app written all in French
/// must show « 30/06/2022 ». WebView2 takes the language of Windows, French
/// on the animators' laptops.
#[cfg(target_os = "linux")]
pub fn speak_french<R: Runtime>(window: &WebviewWindow<R>) {
    let applied = window.with_webview(|webview| {
        use webkit2gtk::{WebContextExt, WebViewExt};
        if let Some(context) = webview.inner().context() {
            context.set_preferred_languages(&["fr-FR", "fr"]);
        }
    });
    if let Err(e) = applied {
        log::warn!("langue de la page non réglée : {e}");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn speak_french<R: Runtime>(_window: &WebviewWindow<R>) {}

/// Shows the main window in front (a second launch, a file opened).
pub fn bring_to_front<R: Runtime>(app: &tauri::AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gpu_compositing_is_off_unless_the_environment_or_fdr_webkit_says_otherwise() {
        assert!(
            compositing_choice(false, None).0,
            "by default it is turned off (memory, speed)"
        );
        assert!(
            compositing_choice(false, Some("aucun")).0,
            "another value changes nothing"
        );
        assert!(!compositing_choice(false, Some(" gpu ")).0, "FDR_WEBKIT=gpu keeps it");
        let (turn_off, said) = compositing_choice(true, None);
        assert!(!turn_off, "a value the user set is left as it is");
        assert!(
            said.contains("environnement"),
            "and the journal says where it came from: {said}"
        );
    }

    #[test]
    fn opengl_is_kept_out_of_the_window_process_on_x11_only() {
        assert!(window_without_opengl(false, None), "an X11 session (Xvfb, CI)");
        assert!(
            !window_without_opengl(true, None),
            "GTK draws through EGL on Wayland, which it prefers when there is one"
        );
        assert!(window_without_opengl(true, Some("x11")), "unless told to use X11");
        assert!(window_without_opengl(true, Some(" x11 ,wayland")), "tried first");
        assert!(
            !window_without_opengl(false, Some("wayland,x11")),
            "Wayland tried first"
        );
        assert!(
            !window_without_opengl(false, Some("broadway")),
            "another backend: left as it is"
        );
        assert!(window_without_opengl(false, Some("*")), "any backend: as by default");
    }

    #[test]
    fn the_title_names_the_open_roadmap() {
        assert_eq!(
            title(Some((10, "Les parcours d’insertion"))),
            "Thème 10 — Les parcours d’insertion — Feuilles de route"
        );
        assert_eq!(title(Some((3, "  "))), "Thème 3 — Feuilles de route", "no empty dash");
        assert_eq!(title(None), "Feuilles de route", "the start screen");
    }

    #[test]
    fn a_window_is_brought_inside_the_work_area() {
        // 1366×768 with a 40 px taskbar at the bottom.
        let laptop = (0, 0, 1366, 728);
        assert_eq!(fit((43, 4, 1296, 711), laptop), None, "the default size fits as it is");
        assert_eq!(
            fit((100, 50, 1920, 1160), laptop),
            Some((0, 0, 1366, 728)),
            "a size remembered from a larger monitor shrinks to the work area"
        );
        assert_eq!(
            fit((1900, 300, 1296, 711), laptop),
            Some((70, 17, 1296, 711)),
            "a window left on a monitor that has gone comes back, keeping its size"
        );
        assert_eq!(
            fit((-2000, -50, 800, 600), (1920, 0, 1920, 1040)),
            Some((1920, 0, 800, 600)),
            "monitors left of the primary one have negative coordinates"
        );
    }
}
