//! warta-search (to be written).
