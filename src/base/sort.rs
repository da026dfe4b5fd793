//! Sorting for the few lists the core orders, without the standard library's sort.
//!
//! Why: `slice::sort` and `sort_unstable` are compiled anew for every element type and comparator,
//! and each copy (driftsort or ipnsort with their small-sort networks) costs the WebAssembly module
//! about 4 KB; six of them were a tenth of the page's budget headroom. Here the sorting itself is one
//! merge sort over indices, compiled once; each element type adds only a small comparator and the
//! moving of the elements into their order. Stable, O(n log n), like `sort_by`.

/// Sorts `v` by `less` (a strict "comes before"), keeping equal elements in their order.
pub fn sort_by<T>(v: &mut Vec<T>, mut less: impl FnMut(&T, &T) -> bool) {
    let order = sorted_order(v.len(), &mut |a, b| less(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(order.iter().filter_map(|&i| slots[i].take()));
}

/// Sorts `v` in ascending order, keeping equal elements in their order.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, |a, b| a < b);
}

/// The indices `0..n` in the order `less` puts their elements in (bottom-up merge sort, stable: of
/// two equal elements, the one with the lower index comes first).
fn sorted_order(n: usize, less: &mut dyn FnMut(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut merged = Vec::with_capacity(n);
    let mut width = 1;
    while width < n {
        merged.clear();
        let mut start = 0;
        while start < n {
            let middle = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, middle);
            while i < middle && j < end {
                // Only a strictly smaller right element goes first: that keeps the sort stable.
                if less(order[j], order[i]) {
                    merged.push(order[j]);
                    j += 1;
                } else {
                    merged.push(order[i]);
                    i += 1;
                }
            }
            merged.extend_from_slice(&order[i..middle]);
            merged.extend_from_slice(&order[j..end]);
            start = end;
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library_and_stays_stable() {
        for n in 0..40usize {
            // Pairs whose first field repeats: the second field shows whether equal keys kept their order.
            let v: Vec<(usize, usize)> = (0..n).map(|i| ((i * 7 + 3) % 5, i)).collect();
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| a.0 < b.0);
            let mut std = v.clone();
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std);
            let mut words: Vec<String> = v.iter().map(|p| format!("w{}", p.0 * 31 % 11)).collect();
            let mut std_words = words.clone();
            sort(&mut words);
            std_words.sort();
            assert_eq!(words, std_words);
        }
    }
}
