//! Memory given back to the system once the app is at rest.
//!
//! A command's reply can be large (a 400-action roadmap's view is 600 KB of
//! JSON, built, serialised, then freed). glibc keeps freed memory in its
//! heap for the next allocation: on the 400-action roadmap the app process
//! held 12 MB more at rest than on the start screen, 10 MB of which
//! `malloc_trim` gives back (docs/benchmarks-app.md). Every command calls
//! [`after_work`]; once no command has come for [`QUIET`], a thread of its
//! own trims the heap, once. Elsewhere than Linux with glibc nothing is
//! trimmed (other allocators give memory back themselves).
//!
//! Extending: another process-wide « at rest » task goes in the thread's
//! `settled` callback, not in the commands.

use std::sync::mpsc::{self, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::OnceLock;
use std::time::Duration;

/// How long without a command before the app is at rest.
pub const QUIET: Duration = Duration::from_millis(1500);

/// Tells the thread that work has just been done, without waiting.
#[derive(Clone)]
pub struct Rest {
    poke: SyncSender<()>,
}

impl Rest {
    /// Starts the thread: `settled` runs once after each burst of work,
    /// when `quiet` has passed since its last [`Rest::worked`].
    pub fn start(quiet: Duration, settled: impl Fn() + Send + 'static) -> std::io::Result<Rest> {
        // One pending poke is enough: the thread only needs to know that
        // something happened since it last looked.
        let (poke, pokes) = mpsc::sync_channel::<()>(1);
        std::thread::Builder::new().name("repos".into()).spawn(move || {
            // Wait for work, then for `quiet` without any.
            while pokes.recv().is_ok() {
                loop {
                    match pokes.recv_timeout(quiet) {
                        Ok(()) => continue,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                settled();
            }
        })?;
        Ok(Rest { poke })
    }

    /// Work was done: the quiet time starts again.
    pub fn worked(&self) {
        match self.poke.try_send(()) {
            Ok(()) | Err(TrySendError::Full(())) => {}
            Err(TrySendError::Disconnected(())) => log::warn!("le fil de mise au repos s’est arrêté"),
        }
    }
}

static REST: OnceLock<Rest> = OnceLock::new();

/// Starts trimming the heap at rest (once; later calls do nothing).
pub fn begin() {
    if REST.get().is_some() {
        return;
    }
    match Rest::start(QUIET, give_back_freed_memory) {
        Ok(rest) => {
            let _ = REST.set(rest);
        }
        Err(e) => log::warn!("mémoire libérée non rendue au système : {e}"),
    }
}

/// A command has been served (called by every command, cheap).
pub fn after_work() {
    if let Some(rest) = REST.get() {
        rest.worked();
    }
}

/// Gives the heap's free pages back to the system.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn give_back_freed_memory() {
    // SAFETY: `malloc_trim` takes no pointer and only releases free memory
    // at the top of glibc's heaps and free pages inside them; it locks each
    // arena itself, so it is safe alongside other threads allocating.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn give_back_freed_memory() {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    fn counting(quiet: Duration) -> (Rest, Arc<AtomicUsize>) {
        let count = Arc::new(AtomicUsize::new(0));
        let seen = count.clone();
        let rest = Rest::start(quiet, move || {
            seen.fetch_add(1, Ordering::SeqCst);
        })
        .unwrap();
        (rest, count)
    }

    #[test]
    fn a_burst_of_work_is_followed_by_one_trim_once_quiet() {
        let quiet = Duration::from_millis(200);
        let (rest, count) = counting(quiet);
        std::thread::sleep(quiet * 2);
        assert_eq!(count.load(Ordering::SeqCst), 0, "nothing is trimmed before any work");
        for _ in 0..50 {
            rest.worked();
        }
        assert_eq!(count.load(Ordering::SeqCst), 0, "not while the work goes on");
        std::thread::sleep(quiet * 4);
        assert_eq!(
            count.load(Ordering::SeqCst),
            1,
            "a burst of 50 commands, then quiet: one trim, not one per command"
        );
        rest.worked();
        std::thread::sleep(quiet * 4);
        assert_eq!(
            count.load(Ordering::SeqCst),
            2,
            "the next command's burst is trimmed after it"
        );
    }

    #[test]
    fn the_heap_is_trimmed_without_harm() {
        // The real call, on a heap with a large block freed: it must return
        // and leave the allocator working.
        let large = vec![1u8; 8 << 20];
        drop(large);
        give_back_freed_memory();
        let again = vec![2u8; 1 << 20];
        assert_eq!(
            again.iter().map(|&b| b as usize).sum::<usize>(),
            2 << 20,
            "the allocator still works"
        );
    }
}
