//! Shared helpers for the end-to-end tests.

use std::net::TcpListener;
use std::path::{Path, PathBuf};

/// The workspace root (the directory above this test package).
pub fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

/// The bundled seed articles (`index/articles`).
pub fn bundled_articles() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../index/articles")
}

/// A loopback port that was free a moment ago.
pub fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// The first of `candidates` that is an executable file, else `name`
/// looked up on `PATH`.
pub fn find_executable(name: &str, candidates: &[&str]) -> Option<PathBuf> {
    let on_path: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|path| {
            std::env::split_paths(&path)
                .map(|dir| dir.join(name))
                .collect()
        })
        .unwrap_or_default();
    candidates
        .iter()
        .map(PathBuf::from)
        .chain(on_path)
        .find(|path| path.is_file())
}
