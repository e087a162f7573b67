//! SIGTERM, SIGHUP and SIGINT on a thread of their own (signal-hook): the event loop sees
//! the flag within one poll and leaves cleanly (writing the recovery file); if it does not
//! within 0.4 s — stuck, e.g. inside crossterm reading a terminal that is gone (crossterm
//! #793) — this thread writes the recovery file itself, restores the terminal and ends the
//! process, so nothing is left spinning and no work is lost.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::say;
use crate::store::Kept;

/// What the signal thread, the watchdog and the event loop share.
#[derive(Debug, Clone, Default)]
pub struct Stop {
    /// The signal received, 0 for none.
    signal: Arc<AtomicI32>,
    /// Set by the event loop once it has cleaned up.
    done: Arc<AtomicBool>,
    /// Milliseconds since `started` when the event loop last came round.
    heartbeat: Arc<AtomicU64>,
    started: Option<Instant>,
}

/// How long the event loop may go without coming round, while the terminal is gone,
/// before the watchdog keeps the work and ends the process.
const STUCK: Duration = Duration::from_millis(300);

impl Stop {
    /// Starts the signal thread, and — when `terminal_gone` can tell — a watchdog for a
    /// terminal that vanished while the event loop was inside crossterm. `rescue` keeps
    /// unsaved work when the event loop does not answer, and says where it went. Errors (no
    /// signal support) leave the default handlers.
    pub fn install(
        rescue: impl Fn() -> Kept + Send + Sync + 'static,
        terminal_gone: Option<Box<dyn Fn() -> bool + Send>>,
    ) -> Stop {
        let stop = Stop {
            started: Some(Instant::now()),
            ..Stop::default()
        };
        let rescue = Arc::new(rescue);
        if let Some(gone) = terminal_gone {
            let shared = stop.clone();
            let rescue = Arc::clone(&rescue);
            let _ = thread::Builder::new()
                .name("factdesk-watchdog".into())
                .spawn(move || {
                    loop {
                        thread::sleep(Duration::from_millis(100));
                        if shared.done.load(Ordering::SeqCst) {
                            return;
                        }
                        if shared.since_beat() > STUCK && gone() {
                            leave(&*rescue, "the terminal is gone", 1);
                        }
                    }
                });
        }
        let Ok(mut signals) = Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
            return stop;
        };
        let shared = stop.clone();
        let spawned = thread::Builder::new()
            .name("factdesk-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    shared.signal.store(signal, Ordering::SeqCst);
                    let deadline = Instant::now() + Duration::from_millis(400);
                    while Instant::now() < deadline {
                        if shared.done.load(Ordering::SeqCst) {
                            return;
                        }
                        thread::sleep(Duration::from_millis(10));
                    }
                    // The event loop did not answer: keep the work, give the terminal back,
                    // leave.
                    leave(
                        &*rescue,
                        &format!("stopped by {}", name(signal)),
                        128 + signal,
                    );
                }
            });
        if spawned.is_err() {
            say::err("factdesk: cannot watch for signals; Ctrl-C and hang-ups use the defaults");
        }
        stop
    }

    /// The event loop came round: it is not stuck.
    pub fn beat(&self) {
        if let Some(started) = self.started {
            let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            self.heartbeat.store(ms, Ordering::SeqCst);
        }
    }

    fn since_beat(&self) -> Duration {
        let Some(started) = self.started else {
            return Duration::ZERO;
        };
        let beat = Duration::from_millis(self.heartbeat.load(Ordering::SeqCst));
        started.elapsed().saturating_sub(beat)
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

/// Keeps the work, gives the terminal back, says where the work went and ends the process.
fn leave(rescue: &dyn Fn() -> Kept, reason: &str, code: i32) -> ! {
    let kept = rescue();
    super::restore();
    say::err(format!("factdesk: {reason}; {}", kept.describe()));
    std::process::exit(code);
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
