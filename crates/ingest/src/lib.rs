//! Reading article sources into clean `Article` records (to be written).
