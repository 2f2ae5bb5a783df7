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

/// WebKit settings tried for the memory at rest, each named; `FDR_WEBKIT`
/// (a comma-separated list of names, or `aucun`) replaces [`LIGHT`] for a
/// measurement (bench/app/, docs/benchmarks-app.md).
#[cfg(target_os = "linux")]
const SETTINGS: &[&str] = &["document-viewer", "no-gpu", "no-page-cache", "no-webgl", "no-media"];

/// The settings applied by default: none. Only the hardware acceleration
/// policy changed the memory at rest (web process 316 → 147 MB PSS), but with
/// it the end-to-end authoring spec took 2 min 17 s instead of 13 s and its
/// funding step never finished: the page is much slower to drive without GPU
/// compositing here. It is left to `FDR_WEBKIT=no-gpu` for measurement
/// (docs/benchmarks-app.md); the others did not change the memory.
#[cfg(target_os = "linux")]
const LIGHT: &str = "aucun";

/// Sets WebKit up with the settings in [`LIGHT`] or `FDR_WEBKIT`.
#[cfg(target_os = "linux")]
pub fn lighten<R: Runtime>(window: &WebviewWindow<R>) {
    let chosen = std::env::var("FDR_WEBKIT").unwrap_or_else(|_| LIGHT.to_string());
    let chosen: Vec<String> = chosen
        .split(',')
        .map(str::trim)
        .filter(|c| SETTINGS.contains(c))
        .map(String::from)
        .collect();
    let applied = window.with_webview(move |webview| {
        use webkit2gtk::{CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};
        let view = webview.inner();
        let settings = WebViewExt::settings(&view);
        for c in &chosen {
            match (c.as_str(), &settings) {
                ("document-viewer", _) => {
                    if let Some(context) = view.context() {
                        context.set_cache_model(CacheModel::DocumentViewer);
                    }
                }
                ("no-gpu", Some(s)) => s.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never),
                ("no-page-cache", Some(s)) => s.set_enable_page_cache(false),
                ("no-webgl", Some(s)) => {
                    s.set_enable_webgl(false);
                    s.set_enable_webaudio(false);
                }
                ("no-media", Some(s)) => {
                    s.set_enable_media(false);
                    s.set_enable_media_stream(false);
                    s.set_enable_mediasource(false);
                }
                _ => {}
            }
        }
        log::info!("réglages de WebKit : {}", chosen.join(", "));
    });
    if let Err(e) = applied {
        log::warn!("réglages de WebKit non appliqués : {e}");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn lighten<R: Runtime>(_window: &WebviewWindow<R>) {}

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
