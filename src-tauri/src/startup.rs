//! The opt-in startup trace, for the app benchmark (`bench/app/`): with
//! `FDR_TRACE_STARTUP=1` the shell prints one line to stderr at each step of
//! its start (any other value is a file the lines are appended to), its
//! fields separated by tabs:
//!
//! ```text
//! fdr-startup<TAB>store opened<TAB>212.4<TAB>1764650000123
//! ```
//!
//! the step, milliseconds since the process was spawned (on Linux, from
//! `/proc/self/stat`; elsewhere since `main`), and the Unix time in
//! milliseconds. Each step is printed once (the first time it is reached).
//! Without the variable nothing is measured or printed.

use std::collections::HashSet;
use std::io::Write;
use std::sync::{Mutex, OnceLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Where the lines go, and from when they count.
struct Trace {
    /// The process's age when the trace began, in milliseconds.
    age_at_begin: f64,
    begun: Instant,
    /// A file to append to, or stderr.
    file: Option<std::path::PathBuf>,
    printed: Mutex<HashSet<&'static str>>,
}

static TRACE: OnceLock<Option<Trace>> = OnceLock::new();

/// The process's age in milliseconds: the uptime now less the uptime when it
/// started (`/proc/self/stat` field 22, in clock ticks of 1/100 s).
#[cfg(target_os = "linux")]
fn process_age_ms() -> f64 {
    let started = std::fs::read_to_string("/proc/self/stat").ok().and_then(|stat| {
        // The command name (field 2) may hold spaces: count after its ')'.
        let rest = &stat[stat.rfind(')')? + 2..];
        rest.split(' ').nth(19)?.parse::<f64>().ok()
    });
    let uptime = std::fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|u| u.split(' ').next()?.parse::<f64>().ok());
    match (started, uptime) {
        (Some(ticks), Some(up)) => (up * 1000.0 - ticks * 10.0).max(0.0),
        _ => 0.0,
    }
}

#[cfg(not(target_os = "linux"))]
fn process_age_ms() -> f64 {
    0.0
}

/// Starts the trace when `FDR_TRACE_STARTUP` is set, and prints `main entered`.
pub fn begin() {
    let trace = TRACE.get_or_init(|| {
        let value = std::env::var_os("FDR_TRACE_STARTUP").filter(|v| !v.is_empty())?;
        Some(Trace {
            age_at_begin: process_age_ms(),
            begun: Instant::now(),
            file: (value != "1").then(|| value.into()),
            printed: Mutex::new(HashSet::new()),
        })
    });
    if trace.is_some() {
        mark("main entered");
    }
}

/// Prints `step` once, when the trace is on.
pub fn mark(step: &'static str) {
    let Some(Some(trace)) = TRACE.get() else {
        return;
    };
    if !trace.printed.lock().map(|mut p| p.insert(step)).unwrap_or(false) {
        return;
    }
    let since_spawn = trace.age_at_begin + trace.begun.elapsed().as_secs_f64() * 1000.0;
    let unix_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let line = format!("fdr-startup\t{step}\t{since_spawn:.1}\t{unix_ms}\n");
    let written = match &trace.file {
        Some(path) => std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut f| f.write_all(line.as_bytes())),
        None => std::io::stderr().write_all(line.as_bytes()),
    };
    if let Err(e) = written {
        log::warn!("trace de démarrage non écrite : {e}");
    }
}
