//! warta-server (to be written).
