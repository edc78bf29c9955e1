//! How `xxgk index` merges segments: rarely, and never more than a bounded
//! number of documents at once.
//!
//! A merge reads every byte of its segments through memory maps, and the
//! pages it touches count toward the process's resident memory until the
//! merge ends. tantivy's default (log) policy merges ever larger segments: at
//! 100,000 reports, its merges into two segments of 275,000 documents each
//! mapped ~250 MB, twice the writer's own budget. This policy merges the
//! smallest segments in groups of at most `max_docs` documents, so the mapped
//! part of a merge stays near `max_docs` × the size of a document at any
//! corpus size.
//!
//! A merge also rewrites every posting it reads, on one thread: merging each
//! full segment once more took a quarter of the time of indexing 10,000
//! reports. So a segment as large as one indexing thread's full budget
//! (`finished_docs`) is left as it is, and only the small segments each commit
//! leaves behind are merged. The price is more segments, which search visits
//! one by one: about one per `finished_docs` to `2 × finished_docs`
//! documents. So that a very large index does not grow hundreds of them,
//! once more than `max_finished` such segments stand they are merged in
//! their turn, into segments of half the bound or more, which stay.

use tantivy::index::SegmentMeta;
use tantivy::indexer::{MergeCandidate, MergePolicy};

#[derive(Debug, Clone)]
pub struct BoundedMerges {
    /// The most documents (deleted ones included) a merge reads.
    pub max_docs: u32,
    /// A segment this large is finished: never merged again unless it is
    /// mostly deleted documents.
    pub finished_docs: u32,
    /// How many finished segments below half the bound may stand before
    /// they are merged together after all.
    pub max_finished: usize,
    /// How many small segments may pile up before they are merged although
    /// together they stay under `finished_docs`.
    pub min_segments: usize,
    /// A segment with more deleted documents than this share is rewritten
    /// even alone, to reclaim the space of re-indexed files.
    pub max_deleted: f32,
}

impl Default for BoundedMerges {
    fn default() -> Self {
        BoundedMerges {
            // ~1.2 KB a document in the generated corpus: ~180 MB mapped.
            max_docs: 150_000,
            // An indexing thread's 60 MB budget fills at ~35,000 documents of
            // the generated corpus; the rest of a commit leaves less.
            finished_docs: 25_000,
            // About 25 stand at 100,000 reports of the generated corpus; at
            // 1,000,000 most are merged once more (~100 segments, not ~350).
            max_finished: 48,
            min_segments: 8,
            max_deleted: 0.3,
        }
    }
}

impl BoundedMerges {
    fn mostly_deleted(&self, s: &SegmentMeta) -> bool {
        s.max_doc() > 0 && s.num_deleted_docs() as f32 / s.max_doc() as f32 > self.max_deleted
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let finished = self.finished_docs.min(self.max_docs);
        let done = self.max_docs / 2;
        let standing = segments
            .iter()
            .filter(|s| (finished..done).contains(&s.max_doc()) && !self.mostly_deleted(s))
            .count();
        // Segments half the bound or more are never merged again (unless
        // mostly deleted); finished ones below that only when too many stand.
        let limit = if standing > self.max_finished {
            done
        } else {
            finished
        };
        let mut open: Vec<&SegmentMeta> = segments
            .iter()
            .filter(|s| s.max_doc() < limit || self.mostly_deleted(s))
            .collect();
        // Smallest first, so the many small segments of each commit go first.
        open.sort_by_key(|s| (s.max_doc(), s.id()));
        let mut out = Vec::new();
        let mut group: Vec<&SegmentMeta> = Vec::new();
        let mut docs = 0u32;
        // A merge is worth its writing when it makes a finished segment, when
        // small segments pile up, or when it drops many deleted documents.
        let worth = |group: &[&SegmentMeta]| {
            let docs: u32 = group.iter().map(|s| s.max_doc()).sum();
            (group.len() >= 2 && docs >= finished)
                || group.len() >= self.min_segments.max(2)
                || group.iter().any(|s| self.mostly_deleted(s))
        };
        for s in open {
            if !group.is_empty() && docs.saturating_add(s.max_doc()) > self.max_docs {
                if worth(&group) {
                    out.push(MergeCandidate(group.iter().map(|s| s.id()).collect()));
                }
                group.clear();
                docs = 0;
            }
            group.push(s);
            docs = docs.saturating_add(s.max_doc());
        }
        if worth(&group) {
            out.push(MergeCandidate(group.iter().map(|s| s.id()).collect()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use tantivy::index::SegmentId;
    use tantivy::Index;

    use super::*;

    fn segments(sizes: &[(u32, u32)]) -> Vec<SegmentMeta> {
        let index = Index::create_in_ram(tantivy::schema::Schema::builder().build());
        sizes
            .iter()
            .map(|&(docs, deleted)| {
                let meta = index.new_segment_meta(SegmentId::generate_random(), docs);
                if deleted > 0 {
                    meta.with_delete_meta(deleted, 0)
                } else {
                    meta
                }
            })
            .collect()
    }

    fn merged(policy: &BoundedMerges, metas: &[SegmentMeta]) -> Vec<Vec<u32>> {
        let size = |id: &SegmentId| metas.iter().find(|m| m.id() == *id).unwrap().max_doc();
        let mut out: Vec<Vec<u32>> = policy
            .compute_merge_candidates(metas)
            .iter()
            .map(|c| {
                let mut sizes: Vec<u32> = c.0.iter().map(size).collect();
                sizes.sort();
                sizes
            })
            .collect();
        out.sort();
        out
    }

    fn policy() -> BoundedMerges {
        BoundedMerges {
            max_docs: 100,
            finished_docs: 50,
            max_finished: 3,
            min_segments: 3,
            max_deleted: 0.3,
        }
    }

    #[test]
    fn small_segments_merge_in_groups_within_the_bound() {
        let metas = segments(&[(10, 0), (20, 0), (30, 0), (40, 0), (45, 0), (45, 0), (5, 0)]);
        let groups = merged(&policy(), &metas);
        assert_eq!(groups, vec![vec![5, 10, 20, 30], vec![40, 45]]);
        for g in &groups {
            assert!(g.iter().sum::<u32>() <= 100);
        }
    }

    #[test]
    fn finished_segments_and_lone_ones_stay() {
        // 50 and more is half the bound: never merged again.
        assert!(merged(&policy(), &segments(&[(50, 0), (60, 0), (99, 0), (100, 0)])).is_empty());
        // Too few small segments to be worth a merge.
        assert!(merged(&policy(), &segments(&[(10, 0), (20, 0), (80, 0)])).is_empty());
        // Enough of them pile up: merged although they stay small.
        assert_eq!(
            merged(&policy(), &segments(&[(10, 0), (12, 0), (14, 0), (80, 0)])),
            vec![vec![10, 12, 14]]
        );
    }

    #[test]
    fn a_full_flush_is_finished_below_half_the_bound() {
        let policy = BoundedMerges {
            finished_docs: 20,
            ..policy()
        };
        // 25 and 30 are as large as a full flush: left alone, although two
        // of them would fit in one merge.
        assert!(merged(&policy, &segments(&[(25, 0), (30, 0), (10, 0), (5, 0)])).is_empty());
        // The small rest of two commits makes a finished segment together.
        assert_eq!(
            merged(&policy, &segments(&[(12, 0), (9, 0), (30, 0)])),
            vec![vec![9, 12]]
        );
    }

    #[test]
    fn too_many_finished_segments_are_merged_after_all() {
        let policy = BoundedMerges {
            finished_docs: 20,
            ..policy()
        };
        // Three may stand; 60 is half the bound or more and always stays.
        assert!(merged(&policy, &segments(&[(22, 0), (25, 0), (30, 0), (60, 0)])).is_empty());
        // A fourth: merged in groups within the bound.
        assert_eq!(
            merged(
                &policy,
                &segments(&[(22, 0), (25, 0), (30, 0), (35, 0), (60, 0)])
            ),
            vec![vec![22, 25, 30]]
        );
    }

    #[test]
    fn a_mostly_deleted_segment_is_rewritten_even_alone() {
        let groups = merged(&policy(), &segments(&[(90, 40), (95, 5)]));
        assert_eq!(groups, vec![vec![90]]);
    }
}
