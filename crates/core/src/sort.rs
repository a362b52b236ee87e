//! Sorting without a copy of the standard library's sort per element type.
//!
//! `slice::sort_by` is generic over the element and the comparison, and each
//! of its instances is several kilobytes of WebAssembly: the playground
//! carried over a hundred kilobytes of them. Here one merge sort runs on
//! indices through a `dyn` comparison, and only the short permutation step is
//! generic. Stable, O(n log n) comparisons, as `sort_by` is.

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Sort `items` stably by `compare`, as `slice::sort_by` does.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sorted_indices(items.len(), &mut |left, right| {
        compare(&items[left], &items[right])
    });
    permute(items, order);
}

/// Sort `items` stably by `key`, as `slice::sort_by_key` does.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |left, right| key(left).cmp(&key(right)));
}

/// Sort `items` stably, as `slice::sort` does.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// A map of `pairs`, a later pair replacing an earlier one with its key, as
/// `collect` makes it. `collect` sorts the pairs first, with one instance
/// of the standard sort per iterator type; inserting one by one does not.
pub fn btree_map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

/// The indices `0..len` in the order `compare` puts them, ties in index order:
/// a bottom-up merge sort.
fn sorted_indices(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = vec![0; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right, mut out) = (start, middle, start);
            while left < middle && right < end {
                // Only a strictly smaller right element goes first: stable.
                if compare(order[right], order[left]) == Ordering::Less {
                    merged[out] = order[right];
                    right += 1;
                } else {
                    merged[out] = order[left];
                    left += 1;
                }
                out += 1;
            }
            let rest = middle - left;
            merged[out..out + rest].copy_from_slice(&order[left..middle]);
            merged[out + rest..end].copy_from_slice(&order[right..end]);
            start = end;
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// Rearrange `items` so that position `i` holds what was at `order[i]`,
/// following each cycle of the permutation with swaps.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let from = order[at];
            if from == DONE {
                break;
            }
            order[at] = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the cases are the same every run.
    fn numbers(seed: u64, count: usize, modulo: u64) -> Vec<u64> {
        let mut state = seed;
        (0..count)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (state >> 33) % modulo
            })
            .collect()
    }

    #[test]
    #[allow(
        clippy::disallowed_methods,
        reason = "the standard sort is the reference"
    )]
    fn agrees_with_the_standard_stable_sort() {
        for count in [0, 1, 2, 3, 7, 8, 9, 31, 64, 100, 1000] {
            for modulo in [2, 10, 1_000_000] {
                // Pairs of (key, original position) show stability.
                let keyed: Vec<(u64, usize)> = numbers(count as u64 + modulo, count, modulo)
                    .into_iter()
                    .enumerate()
                    .map(|(at, key)| (key, at))
                    .collect();
                let mut ours = keyed.clone();
                sort_by_key(&mut ours, |pair| pair.0);
                let mut expected = keyed;
                expected.sort_by_key(|pair| pair.0);
                assert_eq!(ours, expected, "{count} items modulo {modulo}");
            }
        }
    }

    #[test]
    fn moves_owned_values_without_losing_any() {
        let mut words: Vec<String> = ["pear", "fig", "apple", "fig", "kiwi"]
            .map(str::to_owned)
            .to_vec();
        sort(&mut words);
        assert_eq!(words, ["apple", "fig", "fig", "kiwi", "pear"]);
        sort_by(&mut words, |left, right| right.len().cmp(&left.len()));
        assert_eq!(words, ["apple", "kiwi", "pear", "fig", "fig"]);
    }
}
