//! End-to-end harness: runs a program in a real pty (portable-pty) and keeps an
//! emulated screen (vt100) to assert on. A reader thread feeds the output to a
//! [`vt100::Parser`] and answers queries as xterm would (else crossterm waits 2 s,
//! then errors): `ESC[6n` cursor position (ratatui's `Terminal::clear`, inline
//! viewports, `cursor::position`) and `ESC[c` device attributes. `ESC[?u` (kitty
//! keyboard flags, sent before `ESC[c` by `supports_keyboard_enhancement`) gets
//! no reply, as from xterm. `ratatui::init()` itself sends no query at all.
#![allow(dead_code)] // each test file uses a different subset

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
#[allow(unused_imports)] // not every test file asserts colours
pub use vt100::Color;

/// Generous default timeout for a loaded 2-core machine.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// The ceiling for waiting on a slower event (a process exit, an autosave): only a hang
/// reaches it, so tests wait on the event instead of racing a deadline.
pub const CEILING: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(20);

/// Polls `done` every 20 ms; false if it is still false after `timeout`.
fn poll(timeout: Duration, mut done: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + timeout;
    while !done() && Instant::now() < end {
        thread::sleep(POLL);
    }
    done()
}

fn pty_size(cols: u16, rows: u16) -> PtySize {
    let mut size = PtySize::default();
    (size.cols, size.rows) = (cols, rows);
    size
}

/// Runs the binary with `args` in `dir`, with `HOME` and the config folder inside `dir`
/// (so no user config is read), and returns what it printed and its status.
pub fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .output()
        .expect("runs")
}

/// Path of the app binary under test (only set in the factdesk crate).
pub fn bin() -> PathBuf {
    // `option_env!` so this file also compiles in crates without that binary.
    let exe = option_env!("CARGO_BIN_EXE_factdesk");
    PathBuf::from(exe.unwrap_or_else(|| panic!("no factdesk binary in this crate")))
}

/// Third-party test data and visible skips: the library's unit tests use the same file.
#[path = "../../src/test_support/shared.rs"]
mod shared_data;
#[allow(unused_imports)] // not every test file reads shared data
pub use shared_data::{shared, skip};

/// A copy of one screen cell: `fgcolor()`, `bgcolor()` ([`Color`]), `bold()`,
/// `dim()`, `italic()`, `underline()`, `inverse()`, `contents()`.
pub type CellStyle = vt100::Cell;

/// vt100 callbacks that collect replies to terminal queries.
struct Responder(Vec<u8>);

impl vt100::Callbacks for Responder {
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let (row, col) = screen.cursor_position();
        let reply = match (i1, c, params) {
            (None, 'n', &[&[6]]) => format!("\x1b[{};{}R", row + 1, col + 1),
            (None, 'c', &[] | &[&[0]]) => "\x1b[?62;22c".into(), // VT220, ANSI colour
            _ => return,
        };
        self.0.extend_from_slice(reply.as_bytes());
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A program running in a pseudo-terminal; killed on drop.
pub struct Tui {
    parser: Arc<Mutex<vt100::Parser<Responder>>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    master: Option<Box<dyn MasterPty + Send>>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    /// Tells the reader thread to let go of its end of the pty (see [`Tui::hang_up`]).
    letting_go: Arc<std::sync::atomic::AtomicBool>,
}

impl Tui {
    /// Starts `program args…` in a `cols`×`rows` pty with cwd `dir`,
    /// `TERM=xterm-256color`, `NO_COLOR` removed, then the `env` pairs.
    pub fn spawn(
        program: &Path,
        args: &[&str],
        dir: &Path,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Tui {
        let size = pty_size(cols, rows);
        let pair = native_pty_system().openpty(size).expect("openpty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env_remove("NO_COLOR");
        cmd.env("TERM", "xterm-256color");
        env.iter().for_each(|(k, v)| cmd.env(k, v));
        let child = pair.slave.spawn_command(cmd).expect("spawn in pty");
        drop(pair.slave); // so reads hit EOF once the child exits
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let parser = vt100::Parser::new_with_callbacks(rows, cols, 0, Responder(Vec::new()));
        let parser = Arc::new(Mutex::new(parser));
        let mut input = pair.master.try_clone_reader().expect("pty reader");
        let (p, w) = (parser.clone(), writer.clone());
        let letting_go = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let go = letting_go.clone();
        let reader = Some(thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = input.read(&mut buf) {
                if go.load(std::sync::atomic::Ordering::SeqCst) {
                    return; // drops this end of the pty
                }
                let mut parser = lock(&p);
                parser.process(&buf[..n]);
                let replies = std::mem::take(&mut parser.callbacks_mut().0);
                drop(parser);
                let _ = lock(&w).write_all(&replies);
            }
        }));
        let master = Some(pair.master);
        #[rustfmt::skip]
        return Tui { parser, writer, master, child, reader, letting_go };
    }

    /// Sends raw bytes / text to the program's input.
    pub fn send(&mut self, s: &str) {
        let bytes = s.as_bytes(); // the pty writer is an unbuffered fd
        lock(&self.writer).write_all(bytes).expect("write to pty");
    }

    /// Sends a key in the keymap's notation (see [`key_bytes`]). After a lone `Esc` it pauses
    /// briefly so a following key is not read as `Alt-<key>`.
    pub fn key(&mut self, k: &str) {
        self.send(&key_bytes(k));
        if k == "Esc" {
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// The screen as text: rows joined with '\n', trailing spaces trimmed.
    pub fn screen(&self) -> String {
        let p = lock(&self.parser);
        let rows = p.screen().rows(0, p.screen().size().1);
        let rows: Vec<_> = rows.map(|r| r.trim_end().to_owned()).collect();
        rows.join("\n")
    }

    /// Waits until the screen contains `needle`; panics after `timeout`.
    #[track_caller]
    pub fn wait_for(&self, needle: &str, timeout: Duration) {
        if !poll(timeout, || self.screen().contains(needle)) {
            self.fail(format!("no {needle:?} after {timeout:?}"));
        }
    }

    /// Waits until the screen (text and attributes) has not changed for
    /// `quiet` and returns its text; panics if that takes over `timeout`.
    #[track_caller]
    pub fn wait_stable(&self, quiet: Duration, timeout: Duration) -> String {
        let snapshot = || lock(&self.parser).screen().contents_formatted();
        let (mut last, mut since) = (snapshot(), Instant::now());
        let stable = poll(timeout, || {
            let now = snapshot();
            if now != last {
                (last, since) = (now, Instant::now());
            }
            since.elapsed() >= quiet
        });
        if !stable {
            self.fail(format!("not stable for {quiet:?} in {timeout:?}"));
        }
        self.screen()
    }

    /// Resizes the emulated screen and the pty (the child gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let mut p = lock(&self.parser);
        p.screen_mut().set_size(rows, cols);
        let size = pty_size(cols, rows);
        if let Some(master) = &self.master {
            master.resize(size).expect("resize pty");
        }
    }

    /// Closes every handle on the terminal's side of the pty, as a terminal emulator that
    /// is closed does: the program's terminal hangs up. `nudge` is a key that makes the
    /// program draw, so the reader thread wakes and lets go of its handle.
    pub fn hang_up(&mut self, nudge: &str) {
        self.letting_go
            .store(true, std::sync::atomic::Ordering::SeqCst);
        self.key(nudge);
        poll(TIMEOUT, || {
            self.reader.as_ref().is_none_or(JoinHandle::is_finished)
        });
        *lock(&self.writer) = Box::new(std::io::sink());
        self.master = None;
    }

    /// CPU time (user + system) the child has used so far, from /proc (Linux only).
    pub fn cpu_time(&self) -> Option<Duration> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid()?)).ok()?;
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let ticks: u64 =
            fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        Some(Duration::from_millis(ticks * 10))
    }

    /// Waits for the child to exit and for its output to be read; returns
    /// the exit code (1 if killed by a signal). Kills it and panics on timeout.
    #[track_caller]
    pub fn wait_exit(&mut self, timeout: Duration) -> u32 {
        if !poll(timeout, || !matches!(self.child.try_wait(), Ok(None))) {
            let _ = self.child.kill();
            self.fail(format!("still running after {timeout:?}"));
        }
        self.join_reader(Duration::from_secs(2));
        let status = self.child.try_wait().ok().flatten(); // std caches it
        status.map_or(1, |s| s.exit_code())
    }

    /// Whether the alternate screen is active (false once the app restored).
    pub fn in_alternate_screen(&self) -> bool {
        lock(&self.parser).screen().alternate_screen()
    }

    /// Colours and attributes of the cell at (`row`, `col`), 0-based.
    pub fn cell_style(&self, row: u16, col: u16) -> Option<CellStyle> {
        lock(&self.parser).screen().cell(row, col).cloned()
    }

    /// (row, col) of the first cell where `needle` starts (within one row);
    /// columns count cells, so wide characters are handled.
    pub fn find(&self, needle: &str) -> Option<(u16, u16)> {
        let p = lock(&self.parser);
        let (screen, first) = (p.screen(), needle.chars().next()?);
        let (rows, cols) = screen.size();
        let head = |x: &vt100::Cell| x.contents().chars().next().unwrap_or(' ');
        let starts = |r, c| screen.cell(r, c).is_some_and(|x| head(x) == first);
        let text_from = |r, c| screen.contents_between(r, c, r, cols);
        (0..rows)
            .flat_map(|r| (0..cols).map(move |c| (r, c)))
            .find(|&(r, c)| starts(r, c) && text_from(r, c).starts_with(needle))
    }

    /// Panics with `msg` and the current screen.
    #[track_caller]
    fn fail(&self, msg: String) -> ! {
        panic!("{msg}; screen:\n{}", self.screen())
    }

    /// The child's process id.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Joins the reader thread if it ends (EOF) within `timeout`.
    fn join_reader(&mut self, timeout: Duration) {
        // It may never end if e.g. a grandchild still holds the pty open.
        poll(timeout, || {
            self.reader.as_ref().is_none_or(JoinHandle::is_finished)
        });
        if let Some(reader) = self.reader.take_if(|r| r.is_finished()) {
            let _ = reader.join();
        }
    }
}

impl Drop for Tui {
    /// Kills the child if still running (SIGHUP, then SIGKILL) and joins the
    /// reader thread if it finishes promptly; otherwise leaves it detached.
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill(); // waits up to 200 ms
            poll(TIMEOUT, || !matches!(self.child.try_wait(), Ok(None)));
        }
        self.join_reader(Duration::from_secs(1));
    }
}

/// xterm input bytes for a key in the keymap's notation (`q`, `Ctrl-s`, `Alt-x`, `Enter`,
/// `Shift-Tab`, `PgDn`, `F5`; see `factdesk::keymap::Key`). crossterm never sets DECCKM
/// cursor mode, so arrows are `ESC [ A`…. Panics if the name is not a key.
pub fn key_bytes(name: &str) -> String {
    use factdesk::keymap::{Key, KeyCode};
    let key: Key = name.parse().unwrap_or_else(|e| panic!("{e}"));
    let code = match key.code {
        KeyCode::Char(c) if key.ctrl && c.is_ascii_alphabetic() => {
            char::from(c.to_ascii_lowercase() as u8 & 0x1f).to_string()
        }
        KeyCode::Char(c) if !key.ctrl => c.to_string(),
        KeyCode::Char(_) => panic!("no xterm byte for {name:?}"),
        KeyCode::Enter => "\r".into(),
        KeyCode::Esc => "\x1b".into(),
        KeyCode::Tab => "\t".into(),
        KeyCode::BackTab => "\x1b[Z".into(),
        KeyCode::Backspace => "\x7f".into(),
        KeyCode::Delete => "\x1b[3~".into(),
        KeyCode::Up => "\x1b[A".into(),
        KeyCode::Down => "\x1b[B".into(),
        KeyCode::Right => "\x1b[C".into(),
        KeyCode::Left => "\x1b[D".into(),
        KeyCode::Home => "\x1b[H".into(),
        KeyCode::End => "\x1b[F".into(),
        KeyCode::PageUp => "\x1b[5~".into(),
        KeyCode::PageDown => "\x1b[6~".into(),
        KeyCode::F(n @ 1..=4) => format!("\x1bO{}", char::from(b'P' + n - 1)),
        KeyCode::F(n) => {
            let number = [15, 17, 18, 19, 20, 21, 23, 24].get(usize::from(n).wrapping_sub(5));
            format!(
                "\x1b[{}~",
                number.unwrap_or_else(|| panic!("no F{n} on xterm"))
            )
        }
    };
    if key.alt { format!("\x1b{code}") } else { code }
}
