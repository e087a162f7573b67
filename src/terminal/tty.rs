//! Waiting for the terminal's input ourselves. crossterm's reader retries a read that
//! returns end of input (or an error) in a loop that never returns, so a terminal that
//! hangs up while factdesk waits inside crossterm would spin a core forever. factdesk waits
//! here, sees the hang-up, and hands over to crossterm only when there is input to read.

use std::fs::File;
use std::os::fd::{AsFd, BorrowedFd};
use std::time::Duration;

use rustix::event::{PollFd, PollFlags, Timespec, poll};

/// What the terminal's input has for us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Something to read.
    Ready,
    /// Nothing within the wait.
    Idle,
    /// Hung up or broken: the terminal is gone.
    Gone,
}

/// The input crossterm reads: standard input when it is a terminal, else `/dev/tty`.
pub enum Tty {
    Stdin(std::io::Stdin),
    Device(File),
}

impl Tty {
    /// The terminal's input, or `None` when there is none to watch (crossterm then reports
    /// its own errors).
    pub fn open() -> Option<Tty> {
        use std::io::IsTerminal;
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            return Some(Tty::Stdin(stdin));
        }
        File::open("/dev/tty").ok().map(Tty::Device)
    }

    fn fd(&self) -> BorrowedFd<'_> {
        match self {
            Tty::Stdin(s) => s.as_fd(),
            Tty::Device(f) => f.as_fd(),
        }
    }

    /// Waits up to `timeout` for input.
    pub fn wait(&self, timeout: Duration) -> Input {
        let mut fds = [PollFd::from_borrowed_fd(self.fd(), PollFlags::IN)];
        let timeout = Timespec {
            tv_sec: i64::try_from(timeout.as_secs()).unwrap_or(i64::MAX),
            tv_nsec: i64::from(timeout.subsec_nanos()),
        };
        match poll(&mut fds, Some(&timeout)) {
            Err(rustix::io::Errno::INTR) => Input::Idle,
            Err(_) => Input::Gone,
            Ok(0) => Input::Idle,
            Ok(_) => {
                let got = fds[0].revents();
                if got.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                    Input::Gone
                } else {
                    Input::Ready
                }
            }
        }
    }

    /// The terminal's size as (columns, rows), asked of the terminal itself; `None` when it
    /// does not say.
    pub fn size(&self) -> Option<(u16, u16)> {
        let size = rustix::termios::tcgetwinsize(self.fd()).ok()?;
        (size.ws_col > 0 && size.ws_row > 0).then_some((size.ws_col, size.ws_row))
    }

    /// Whether the terminal is gone, without waiting.
    pub fn gone(&self) -> bool {
        self.wait(Duration::ZERO) == Input::Gone
    }
}
