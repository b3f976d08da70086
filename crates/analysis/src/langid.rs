//! Language identification (to be written).
