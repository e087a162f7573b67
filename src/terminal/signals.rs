//! SIGTERM, SIGHUP and SIGINT on a thread of their own (signal-hook): the event loop sees
//! the flag within one poll and leaves cleanly (writing the recovery file); if it does not
//! within 1.5 s — stuck, e.g. inside crossterm reading a terminal that is gone (crossterm
//! #793) — this thread writes the recovery file itself, restores the terminal and ends the
//! process, so nothing is left spinning and no work is lost.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// What the signal thread and the event loop share.
#[derive(Debug, Clone, Default)]
pub struct Stop {
    /// The signal received, 0 for none.
    signal: Arc<AtomicI32>,
    /// Set by the event loop once it has cleaned up.
    done: Arc<AtomicBool>,
}

impl Stop {
    /// Starts the signal thread; `rescue` writes the recovery file when the event loop does
    /// not answer, and returns where. Errors (no signal support) leave the default handlers.
    pub fn install(rescue: impl Fn() -> Option<std::path::PathBuf> + Send + 'static) -> Stop {
        let stop = Stop::default();
        let Ok(mut signals) = Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
            return stop;
        };
        let shared = stop.clone();
        let spawned = thread::Builder::new()
            .name("factdesk-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    shared.signal.store(signal, Ordering::SeqCst);
                    let deadline = Instant::now() + Duration::from_millis(1500);
                    while Instant::now() < deadline {
                        if shared.done.load(Ordering::SeqCst) {
                            return;
                        }
                        thread::sleep(Duration::from_millis(20));
                    }
                    // The event loop did not answer: keep the work, give the terminal back,
                    // leave.
                    let recovery = rescue();
                    super::restore();
                    match recovery {
                        Some(path) => eprintln!(
                            "factdesk: stopped by {}; unsaved work kept in {}",
                            name(signal),
                            path.display()
                        ),
                        None => eprintln!("factdesk: stopped by {}", name(signal)),
                    }
                    std::process::exit(128 + signal);
                }
            });
        if spawned.is_err() {
            eprintln!("factdesk: cannot watch for signals; Ctrl-C and hang-ups use the defaults");
        }
        stop
    }

    /// The signal received so far, if any.
    pub fn signal(&self) -> Option<i32> {
        match self.signal.load(Ordering::SeqCst) {
            0 => None,
            s => Some(s),
        }
    }

    /// Tells the signal thread the loop has cleaned up.
    pub fn finished(&self) {
        self.done.store(true, Ordering::SeqCst);
    }
}

/// The usual name of a signal we handle.
pub fn name(signal: i32) -> &'static str {
    match signal {
        SIGTERM => "SIGTERM",
        SIGHUP => "SIGHUP (terminal closed)",
        SIGINT => "SIGINT",
        _ => "a signal",
    }
}
