//! warta-indexer (to be written).
