//! Indonesian stemmer (to be written).
