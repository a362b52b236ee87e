//! The process allocator: mimalloc, asked for plain blocks where the layout
//! allows.
//!
//! A run allocates tens of thousands of small blocks, nearly all with an
//! alignment of 8 or less, which every mimalloc block has. The `mimalloc`
//! crate passes each one through `mi_malloc_aligned`, whose alignment checks
//! cost about a tenth of a whole `template` run; plain `mi_malloc` is taken
//! here instead, and the aligned calls only for larger alignments.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// The alignment every mimalloc block has (a machine word).
const BLOCK_ALIGN: usize = std::mem::size_of::<usize>();

pub(crate) struct Allocator;

// SAFETY: every call passes the caller's layout to mimalloc, which returns
// blocks of at least that size and alignment (plain blocks are word aligned).
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: mimalloc accepts any size; the alignment is a power of two.
        unsafe {
            if layout.align() <= BLOCK_ALIGN {
                mi::mi_malloc(layout.size()).cast()
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        unsafe {
            if layout.align() <= BLOCK_ALIGN {
                mi::mi_zalloc(layout.size()).cast()
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, _layout: Layout) {
        // SAFETY: the block came from mimalloc.
        unsafe { mi::mi_free(block.cast::<c_void>()) }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the block came from mimalloc with this alignment.
        unsafe {
            if layout.align() <= BLOCK_ALIGN {
                mi::mi_realloc(block.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(block.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}
