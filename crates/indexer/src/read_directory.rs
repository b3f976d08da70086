//! The directory a searching process reads an index through.
//!
//! Tantivy's `MmapDirectory` maps every index file, so every page a search
//! touches stays in the process's resident memory until the kernel needs
//! it back. At a million articles that is most of the 1.7 GB index after a
//! load test. The biggest files are read in small pieces per query
//! (positions, compressed blocks of stored documents), and for those a
//! positioned read (`pread`) into a buffer that dies with the query costs
//! little. The kernel's page cache still caches them, shared and
//! reclaimable, but they no longer count against the server. The files
//! that every query walks (term dictionaries, postings, fast fields, field
//! norms, deletes) stay mapped: a query word is looked up as all the forms
//! of its stem, dozens of posting lists a segment, and a `pread` for each
//! was a third of a search.

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};
use tantivy::HasLen;

/// Extensions of the segment files read piecemeal: positions and the
/// document store.
const READ_ON_DEMAND: [&str; 2] = ["pos", "store"];

/// A directory that reads positions and stored documents with
/// positioned reads and maps everything else, so that a long-running
/// server's resident memory is what it is using rather than all it has
/// ever touched.
#[derive(Clone)]
pub struct ReadOnDemandDirectory {
    /// The directory's real path, as `MmapDirectory` resolves it, so both
    /// read the same files even if the path given was a symlink.
    root: PathBuf,
    mapped: MmapDirectory,
    /// Files open for reading, shared by every searcher that reads them
    /// (Tantivy reopens each segment on every reload): one descriptor per
    /// file, closed when the last reader lets go.
    open_files: Arc<Mutex<HashMap<PathBuf, Weak<PositionedFile>>>>,
}

impl fmt::Debug for ReadOnDemandDirectory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ReadOnDemandDirectory({})", self.root.display())
    }
}

impl ReadOnDemandDirectory {
    /// Opens the index directory at `root`.
    pub fn open(root: &Path) -> Result<Self, OpenDirectoryError> {
        let mapped = MmapDirectory::open(root)?;
        let root = root
            .canonicalize()
            .map_err(|error| OpenDirectoryError::wrap_io_error(error, root.to_path_buf()))?;
        Ok(ReadOnDemandDirectory {
            root,
            mapped,
            open_files: Arc::default(),
        })
    }

    /// The open file at `path` (relative to the root), opened now unless a
    /// live reader already holds it.
    fn positioned_file(&self, path: &Path) -> Result<Arc<PositionedFile>, OpenReadError> {
        let full_path = self.root.join(path);
        let mut open_files = self
            .open_files
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(file) = open_files.get(path).and_then(Weak::upgrade) {
            return Ok(file);
        }
        let file = Arc::new(PositionedFile::open(&full_path)?);
        open_files.retain(|_, file| file.strong_count() > 0);
        open_files.insert(path.to_path_buf(), Arc::downgrade(&file));
        Ok(file)
    }

    fn reads_on_demand(path: &Path) -> bool {
        path.extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| READ_ON_DEMAND.contains(&ext))
    }
}

/// An open file read with `pread`: each read copies just the requested
/// range into a buffer owned by the caller.
#[derive(Debug)]
struct PositionedFile {
    file: File,
    len: usize,
}

impl PositionedFile {
    fn open(full_path: &Path) -> Result<PositionedFile, OpenReadError> {
        let file = File::open(full_path).map_err(|error| {
            if error.kind() == io::ErrorKind::NotFound {
                OpenReadError::FileDoesNotExist(full_path.to_path_buf())
            } else {
                OpenReadError::wrap_io_error(error, full_path.to_path_buf())
            }
        })?;
        let len = file
            .metadata()
            .map_err(|error| OpenReadError::wrap_io_error(error, full_path.to_path_buf()))?
            .len();
        let len = usize::try_from(len).map_err(|_| {
            OpenReadError::wrap_io_error(
                io::Error::new(io::ErrorKind::InvalidData, "index file too large"),
                full_path.to_path_buf(),
            )
        })?;
        Ok(PositionedFile { file, len })
    }
}

impl HasLen for PositionedFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for PositionedFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.start >= range.end {
            return Ok(OwnedBytes::empty());
        }
        if range.end > self.len {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!(
                    "read of bytes {}..{} past the end of a {}-byte index file",
                    range.start, range.end, self.len
                ),
            ));
        }
        let mut buffer = vec![0u8; range.end - range.start];
        self.file.read_exact_at(&mut buffer, range.start as u64)?;
        Ok(OwnedBytes::new(buffer))
    }
}

impl Directory for ReadOnDemandDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if !Self::reads_on_demand(path) {
            return self.mapped.get_file_handle(path);
        }
        Ok(self.positioned_file(path)?)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.mapped.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.mapped.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.mapped.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.mapped.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.mapped.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.mapped.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.mapped.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.mapped.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_exact_ranges_and_refuses_reads_past_the_end() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("a.pos"), b"0123456789")?;
        let directory = ReadOnDemandDirectory::open(dir.path())?;
        let handle = directory.get_file_handle(Path::new("a.pos"))?;
        assert_eq!(handle.len(), 10);
        assert_eq!(handle.read_bytes(2..5)?.as_slice(), b"234");
        assert_eq!(handle.read_bytes(4..4)?.as_slice(), b"");
        assert!(handle.read_bytes(8..11).is_err());
        Ok(())
    }

    #[test]
    fn readers_of_one_file_share_its_descriptor_until_the_last_lets_go(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("a.pos"), b"positions")?;
        let directory = ReadOnDemandDirectory::open(dir.path())?;
        let first = directory.positioned_file(Path::new("a.pos"))?;
        let second = directory.positioned_file(Path::new("a.pos"))?;
        assert!(Arc::ptr_eq(&first, &second));
        drop((first, second));
        let reopened = directory.positioned_file(Path::new("a.pos"))?;
        assert_eq!(reopened.read_bytes(0..3)?.as_slice(), b"pos");
        Ok(())
    }

    #[test]
    fn a_missing_file_is_reported_as_missing() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let directory = ReadOnDemandDirectory::open(dir.path())?;
        for name in ["gone.store", "gone.term"] {
            match directory.get_file_handle(Path::new(name)) {
                Err(OpenReadError::FileDoesNotExist(path)) => assert!(path.ends_with(name)),
                other => panic!("{name}: expected FileDoesNotExist, got {other:?}"),
            }
        }
        Ok(())
    }
}
