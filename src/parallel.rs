//! Work split over the machine's cores: one home for the scoped threads the picker and
//! the verdict-file reader use.

/// `work` on `parts` contiguous parts of `items`, each on its own thread (the first on
/// the calling one), the results in the parts' order. A part whose thread cannot be
/// started runs on the calling thread; a panic in any part is raised here.
pub(crate) fn in_parts<T: Sync, R: Send>(
    items: &[T],
    parts: usize,
    name: &str,
    work: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    let parts = parts.clamp(1, items.len().max(1));
    if parts == 1 {
        return vec![work(items)];
    }
    let mut chunks = items.chunks(items.len().div_ceil(parts));
    let own = chunks.next().unwrap_or_default();
    let work = &work;
    std::thread::scope(|scope| {
        let spawned: Vec<_> = chunks
            .map(|part| {
                std::thread::Builder::new()
                    .name(name.into())
                    .spawn_scoped(scope, move || work(part))
                    .map_err(|_| part)
            })
            .collect();
        let mut out = vec![work(own)];
        for handle in spawned {
            out.push(match handle {
                Ok(handle) => match handle.join() {
                    Ok(done) => done,
                    Err(panic) => std::panic::resume_unwind(panic),
                },
                Err(part) => work(part),
            });
        }
        out
    })
}

/// `a` and `b` at once, `b` on another thread (on this one after `a` when no thread can
/// be started); a panic in either is raised here.
pub(crate) fn both<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    // Taken by whichever thread runs it.
    let b = std::sync::Mutex::new(Some(b));
    let run_b = || {
        let f = b
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        f.map(|f| f())
    };
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("both".into())
            .spawn_scoped(scope, run_b);
        let a = a();
        let done = match spawned {
            Ok(handle) => match handle.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(_) => None,
        };
        match done.or_else(run_b) {
            Some(b) => (a, b),
            None => unreachable!("b runs on one thread or the other"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Any number of parts gives the one-part result, in order.
    #[test]
    fn parts_keep_order() {
        let items: Vec<u32> = (0..1000).collect();
        for parts in [1, 2, 3, 7, 1000, 5000] {
            let done: Vec<u32> = in_parts(&items, parts, "test", |p| p.to_vec())
                .into_iter()
                .flatten()
                .collect();
            assert_eq!(done, items, "{parts} parts");
        }
        assert_eq!(in_parts(&[] as &[u32], 4, "test", |p| p.len()), vec![0]);
    }

    /// Both closures run, each result in its place.
    #[test]
    fn both_runs_both() {
        let items: Vec<u32> = (0..100).collect();
        let (a, b) = both(|| items[..50].iter().sum::<u32>(), || items[50..].to_vec());
        assert_eq!((a, b.len(), b[0]), ((0..50).sum(), 50, 50));
    }
}
