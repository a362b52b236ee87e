//! Room for the engine's recursion on the main thread.
//!
//! Deeply nested `include`s recurse in the engine and need tens of
//! megabytes of stack. A thread started with such a stack costs a run
//! about half a millisecond (its start and its own allocator heap), while
//! the main thread's stack already grows on demand up to `RLIMIT_STACK`:
//! raising that soft limit gives the same room for nothing.

/// Whether the calling thread is the process's main thread and its stack
/// may now grow to `bytes` (raising the soft limit if the hard one allows).
pub(crate) fn main_stack_can_grow_to(bytes: usize) -> bool {
    #[cfg(target_os = "linux")]
    {
        let Ok(wanted) = libc::rlim_t::try_from(bytes) else {
            return false;
        };
        // SAFETY: `gettid`, `getpid`, `getrlimit` and `setrlimit` only read
        // and write the `rlimit` value owned here.
        unsafe {
            if libc::gettid() != libc::getpid() {
                return false;
            }
            let mut limit = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            if libc::getrlimit(libc::RLIMIT_STACK, &raw mut limit) != 0 {
                return false;
            }
            if limit.rlim_cur == libc::RLIM_INFINITY || limit.rlim_cur >= wanted {
                return true;
            }
            if limit.rlim_max != libc::RLIM_INFINITY && limit.rlim_max < wanted {
                return false;
            }
            limit.rlim_cur = wanted;
            libc::setrlimit(libc::RLIMIT_STACK, &raw const limit) == 0
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = bytes;
        false
    }
}
