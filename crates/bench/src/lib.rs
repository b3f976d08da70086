//! Measures Warta against bare Tantivy on the same articles: index builds,
//! search latency, HTTP throughput and incremental updates.
//!
//! The `warta-bench` binary drives the whole run (`scripts/bench-scale.sh`);
//! this library holds the pieces so that a smoke test can run them on a few
//! hundred articles.

pub mod analysis;
pub mod baseline;
pub mod corpus;
pub mod http;
pub mod plain_facets;
pub mod procfs;
pub mod queries;
pub mod stats;
pub mod warta;
pub mod wrk;
