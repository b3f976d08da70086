//! Ranking measures: reciprocal rank, recall and nDCG at a cut-off.

use std::collections::{HashMap, HashSet};

/// The mean of a measure over a query set, with how many queries it
/// averages.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mean {
    /// The mean.
    pub value: f64,
    /// Queries averaged.
    pub queries: usize,
}

impl Mean {
    /// The mean of `values`.
    pub fn of(values: &[f64]) -> Mean {
        Mean {
            value: values.iter().sum::<f64>() / values.len().max(1) as f64,
            queries: values.len(),
        }
    }
}

/// `1 / rank` of the first relevant id among the first `k` of `ranked`, or 0.
pub fn reciprocal_rank(ranked: &[String], relevant: &HashSet<String>, k: usize) -> f64 {
    ranked
        .iter()
        .take(k)
        .position(|id| relevant.contains(id))
        .map_or(0.0, |rank| 1.0 / (rank + 1) as f64)
}

/// The share of `relevant` among the first `k` of `ranked`.
pub fn recall(ranked: &[String], relevant: &HashSet<String>, k: usize) -> f64 {
    let found = ranked
        .iter()
        .take(k)
        .filter(|id| relevant.contains(*id))
        .count();
    found as f64 / relevant.len().max(1) as f64
}

/// nDCG at `k` with graded judgments (`grades`: id → gain, 0 when absent),
/// gains `2^grade - 1` and the usual log2 discount; the ideal ranking is
/// the judged ids sorted by grade.
pub fn ndcg(ranked: &[String], grades: &HashMap<String, u32>, k: usize) -> f64 {
    let gain = |grade: u32| f64::from((1u32 << grade.min(16)) - 1);
    let discount = |rank: usize| 1.0 / ((rank + 2) as f64).log2();
    let dcg: f64 = ranked
        .iter()
        .take(k)
        .enumerate()
        .map(|(rank, id)| gain(grades.get(id).copied().unwrap_or(0)) * discount(rank))
        .sum();
    let mut ideal: Vec<u32> = grades.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(k)
        .enumerate()
        .map(|(rank, grade)| gain(*grade) * discount(rank))
        .sum();
    if idcg == 0.0 {
        0.0
    } else {
        dcg / idcg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn measures_of_a_small_ranking() {
        let relevant: HashSet<String> = ["b", "z"].iter().map(|s| s.to_string()).collect();
        let ranked = ids(&["a", "b", "c"]);
        assert_eq!(reciprocal_rank(&ranked, &relevant, 10), 0.5);
        assert_eq!(reciprocal_rank(&ranked, &relevant, 1), 0.0);
        assert_eq!(recall(&ranked, &relevant, 10), 0.5);
        let grades: HashMap<String, u32> = [("a", 0), ("b", 2), ("c", 1)]
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect();
        let perfect = ids(&["b", "c", "a"]);
        assert!((ndcg(&perfect, &grades, 10) - 1.0).abs() < 1e-9);
        assert!(ndcg(&ranked, &grades, 10) < 1.0);
        assert_eq!(ndcg(&ranked, &HashMap::new(), 10), 0.0);
    }
}
