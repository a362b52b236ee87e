//! The process allocator: a bump region for the first megabytes, the
//! system allocator after.
//!
//! A `template` run allocates about ten thousand blocks, 1.8 MB in all,
//! and ends within milliseconds. Handing out the next bytes of one region
//! is a few instructions, and the region's pages are faulted in densely
//! (as huge pages where the kernel allows), where a general allocator
//! spreads its blocks over pages per size class. Freeing gives memory back
//! only for the most recent block (temporaries), so a run that allocates
//! more than the region holds continues in the system allocator: the
//! region bounds what is never reused.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What the region holds; a run that allocates more goes on in `System`.
const REGION_BYTES: usize = 16 << 20;

/// A huge page's size and alignment, so the region starts on one.
#[repr(C, align(2097152))]
struct Region(UnsafeCell<[u8; REGION_BYTES]>);

// SAFETY: bytes of the region are handed out once each (below), so no two
// threads see the same bytes through it.
unsafe impl Sync for Region {}

/// Zero-filled memory the loader maps without backing it: pages cost only
/// when first touched.
static REGION: Region = Region(UnsafeCell::new([0; REGION_BYTES]));

/// The offset of the region's first free byte.
static NEXT: AtomicUsize = AtomicUsize::new(0);

fn base() -> usize {
    REGION.0.get() as usize
}

/// Ask for huge pages over the region (a run touches a megabyte or two of
/// it; one huge page costs less to fault in than hundreds of small ones).
pub fn prepare() {
    #[cfg(target_os = "linux")]
    // SAFETY: advice on memory this process owns; it changes no contents.
    unsafe {
        libc::madvise(REGION.0.get().cast(), REGION_BYTES, libc::MADV_HUGEPAGE);
    }
}

/// The allocator described above; the binary installs it as its global allocator.
#[derive(Debug)]
pub struct Allocator;

impl Allocator {
    /// Bytes from the region, or `None` when it cannot hold them.
    fn bump(layout: Layout) -> Option<*mut u8> {
        let base = base();
        let mut next = NEXT.load(Ordering::Relaxed);
        loop {
            // The alignment is a power of two: round up with a mask, not a division.
            let mask = layout.align() - 1;
            let start = ((base + next).checked_add(mask)? & !mask) - base;
            let end = start.checked_add(layout.size())?;
            if end > REGION_BYTES {
                return None;
            }
            match NEXT.compare_exchange_weak(next, end, Ordering::Relaxed, Ordering::Relaxed) {
                // From the region's own pointer, so the block keeps its provenance.
                Ok(_) => return Some(REGION.0.get().cast::<u8>().wrapping_add(start)),
                Err(now) => next = now,
            }
        }
    }

    fn in_region(block: *mut u8) -> bool {
        (block as usize).wrapping_sub(base()) < REGION_BYTES
    }

    /// Move the region's end from `block`'s end to `block + new_size` if
    /// `block` is the last block handed out (a shrink, a free with 0, or a
    /// growth that fits).
    fn resize_last(block: *mut u8, old_size: usize, new_size: usize) -> bool {
        let start = block as usize - base();
        // Most blocks freed are not the last: a plain load spares them the
        // locked compare-and-swap.
        if NEXT.load(Ordering::Relaxed) != start + old_size {
            return false;
        }
        let Some(new_end) = start
            .checked_add(new_size)
            .filter(|&end| end <= REGION_BYTES)
        else {
            return false;
        };
        NEXT.compare_exchange(
            start + old_size,
            new_end,
            Ordering::Relaxed,
            Ordering::Relaxed,
        )
        .is_ok()
    }
}

// SAFETY: region blocks are disjoint ranges of a static region with the
// layout's size and alignment; every other block comes from and returns to
// `System` with the caller's layout.
unsafe impl GlobalAlloc for Allocator {
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match Self::bump(layout) {
            Some(block) => block,
            // SAFETY: the caller's layout, as `GlobalAlloc::alloc` requires.
            None => unsafe { System.alloc(layout) },
        }
    }

    #[inline(never)]
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        if Self::in_region(block) {
            // The last block's bytes are handed out again; any other stays
            // spent until the process ends.
            Self::resize_last(block, layout.size(), 0);
        } else {
            // SAFETY: the block came from `System` with this layout.
            unsafe { System.dealloc(block, layout) }
        }
    }

    #[inline(never)]
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !Self::in_region(block) {
            // SAFETY: the block came from `System` with this layout.
            return unsafe { System.realloc(block, layout, new_size) };
        }
        if Self::resize_last(block, layout.size(), new_size) {
            return block;
        }
        // SAFETY: `realloc`'s contract gives a valid size for this alignment.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: as for `alloc`.
        let moved = unsafe { self.alloc(new_layout) };
        if !moved.is_null() {
            // SAFETY: both blocks hold at least the smaller size and are
            // distinct (the new one was handed out after the old one).
            unsafe {
                std::ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
            }
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One test, as the region is one for the whole process.
    #[test]
    fn the_region_hands_out_disjoint_aligned_blocks_then_defers_to_the_system() {
        let allocator = Allocator;
        let layout = |size, align| Layout::from_size_align(size, align).unwrap();
        unsafe {
            // Alignment is honoured, and the last block's bytes come back.
            let first = allocator.alloc(layout(3, 1));
            let aligned = allocator.alloc(layout(64, 64));
            assert!(Allocator::in_region(first) && Allocator::in_region(aligned));
            assert_eq!(aligned as usize % 64, 0);
            aligned.write_bytes(0xAB, 64);
            allocator.dealloc(aligned, layout(64, 64));
            let again = allocator.alloc(layout(64, 64));
            assert_eq!(again, aligned);

            // The last block grows in place; another block moves, keeping its bytes.
            let grown = allocator.realloc(again, layout(64, 64), 4096);
            assert_eq!(grown, again);
            let other = allocator.alloc(layout(8, 8));
            grown.write_bytes(7, 4096);
            let moved = allocator.realloc(grown, layout(4096, 64), 8192);
            assert_ne!(moved, grown);
            assert_eq!(moved as usize % 64, 0);
            assert!((0..4096).all(|at| *moved.add(at) == 7));
            allocator.dealloc(other, layout(8, 8));

            // Threads get disjoint blocks.
            let blocks: Vec<usize> = std::thread::scope(|scope| {
                let workers: Vec<_> = (0..4)
                    .map(|_| {
                        scope.spawn(|| {
                            (0..1000)
                                .map(|_| Allocator.alloc(layout(16, 8)) as usize)
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .flat_map(|worker| worker.join().unwrap())
                    .collect()
            });
            let mut sorted = blocks.clone();
            sorted.sort_unstable();
            assert!(sorted.windows(2).all(|pair| pair[1] - pair[0] >= 16));

            // Beyond the region, blocks come from the system and go back to it.
            let large = allocator.alloc(layout(REGION_BYTES, 8));
            assert!(!large.is_null() && !Allocator::in_region(large));
            large.write_bytes(1, REGION_BYTES);
            let larger = allocator.realloc(large, layout(REGION_BYTES, 8), REGION_BYTES * 2);
            assert!(!larger.is_null() && *larger.add(REGION_BYTES - 1) == 1);
            allocator.dealloc(larger, layout(REGION_BYTES * 2, 8));
            while Allocator::bump(layout(1 << 20, 8)).is_some() {}
            let spilled = allocator.alloc(layout(1 << 20, 8));
            assert!(!spilled.is_null() && !Allocator::in_region(spilled));
            allocator.dealloc(spilled, layout(1 << 20, 8));
        }
    }
}
