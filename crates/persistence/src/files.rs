//! The file store: each distinct file's bytes kept once, keyed by its
//! SHA-256 (`sha256/ab/abcdef…`), in a local directory or in any
//! S3-compatible object store so that several API nodes share the files.
//!
//! It owns the objects and the temporary files that incoming uploads are
//! streamed to; it knows nothing about documents or HTTP, and it writes no
//! database row: a caller records what it stored (see
//! [`crate::repo::documents::record_stored_file`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;
use futures_util::stream::{BoxStream, StreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::prefix::PrefixStore;
use object_store::{
    Attribute, Attributes, ObjectStore, ObjectStoreExt, PutMultipartOptions, PutOptions,
    PutPayload, WriteMultipart,
};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufWriter};
use tracing::{debug, instrument};
use uuid::Uuid;

use crate::PersistenceError;

/// Bytes read from a temporary file per step of an upload.
const READ_CHUNK: usize = 256 * 1024;

/// Multipart part size for S3-compatible stores (their minimum is 5 MiB).
const REMOTE_PART: usize = 5 * 1024 * 1024;

/// Multipart part size for the local directory, which has no minimum.
const LOCAL_PART: usize = 1024 * 1024;

/// Parts uploaded at once; bounds the memory one upload holds.
const PARTS_IN_FLIGHT: usize = 2;

/// How old a temporary upload must be before start-up removes it.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// What was stored: the key and the size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// Lower-case hex SHA-256 of the bytes.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

/// A stream of a stored file's bytes.
pub type ByteStream = BoxStream<'static, Result<Bytes, PersistenceError>>;

/// Where files are kept and where uploads wait while they arrive.
#[derive(Debug, Clone)]
pub struct FileStore {
    store: Arc<dyn ObjectStore>,
    temp_dir: PathBuf,
    remote: bool,
    location: String,
}

impl FileStore {
    /// A store in a local directory, created when missing; incoming files
    /// wait in `temp_dir`.
    pub fn local(root: &Path, temp_dir: &Path) -> Result<FileStore, PersistenceError> {
        std::fs::create_dir_all(root).map_err(PersistenceError::storage)?;
        let store = LocalFileSystem::new_with_prefix(root)
            .map_err(PersistenceError::storage)?
            .with_fsync(true);
        FileStore::new(Arc::new(store), temp_dir, false, root.display().to_string())
    }

    /// A store named by URL: `file:///absolute/path`, or
    /// `s3://bucket/optional/prefix` with credentials, region and endpoint
    /// from the usual `AWS_*` environment variables (`AWS_ENDPOINT` for
    /// S3-compatible servers).
    pub fn open(url: &str, temp_dir: &Path) -> Result<FileStore, PersistenceError> {
        if let Some(path) = url.strip_prefix("file://") {
            return FileStore::local(Path::new(path), temp_dir);
        }
        let Some(rest) = url.strip_prefix("s3://") else {
            return Err(PersistenceError::Storage(
                format!("storage URL must start with file:// or s3://, not {url}").into(),
            ));
        };
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let s3 = AmazonS3Builder::from_env()
            .with_url(format!("s3://{bucket}"))
            .build()
            .map_err(PersistenceError::storage)?;
        let store: Arc<dyn ObjectStore> = match prefix.trim_matches('/') {
            "" => Arc::new(s3),
            prefix => Arc::new(PrefixStore::new(s3, prefix)),
        };
        FileStore::new(store, temp_dir, true, url.to_owned())
    }

    fn new(
        store: Arc<dyn ObjectStore>,
        temp_dir: &Path,
        remote: bool,
        location: String,
    ) -> Result<FileStore, PersistenceError> {
        std::fs::create_dir_all(temp_dir).map_err(PersistenceError::storage)?;
        sweep_stale(temp_dir);
        Ok(FileStore {
            store,
            temp_dir: temp_dir.to_owned(),
            remote,
            location,
        })
    }

    /// Where the files are, for logs (a directory or the storage URL).
    pub fn location(&self) -> &str {
        &self.location
    }

    /// The object key of a file: `sha256/ab/abcdef…`.
    pub fn key(sha256: &str) -> Result<ObjectPath, PersistenceError> {
        let valid = sha256.len() == 64
            && sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !valid {
            return Err(PersistenceError::corrupt("sha256", sha256));
        }
        Ok(ObjectPath::from(format!(
            "sha256/{}/{sha256}",
            &sha256[..2]
        )))
    }

    /// Starts a temporary file for bytes arriving in pieces; it hashes and
    /// counts them as they are written and is removed when dropped.
    pub async fn incoming(&self) -> Result<IncomingFile, PersistenceError> {
        let path = self
            .temp_dir
            .join(format!("upload-{}", Uuid::now_v7().simple()));
        let file = tokio::fs::File::create(&path)
            .await
            .map_err(PersistenceError::storage)?;
        Ok(IncomingFile {
            writer: BufWriter::with_capacity(READ_CHUNK, file),
            temp: TempPath(path),
            hasher: Sha256::new(),
            size: 0,
        })
    }

    /// Stores a complete incoming file unless the store has it already.
    /// Returns true when it was uploaded.
    #[instrument(skip_all, fields(sha256 = %file.stored.sha256, size = file.stored.size))]
    pub async fn put_hashed(
        &self,
        file: &HashedFile,
        content_type: &str,
    ) -> Result<bool, PersistenceError> {
        let key = FileStore::key(&file.stored.sha256)?;
        if self.exists(&file.stored.sha256).await? {
            debug!("already stored");
            return Ok(false);
        }
        self.upload(file.path(), &key, content_type).await?;
        Ok(true)
    }

    /// Stores the file at `path` (hashing it first) unless the store has it.
    #[instrument(skip_all, fields(path = %path.display()))]
    pub async fn put_file(
        &self,
        path: &Path,
        content_type: &str,
    ) -> Result<StoredFile, PersistenceError> {
        let stored = hash_file(path).await?;
        if !self.exists(&stored.sha256).await? {
            let key = FileStore::key(&stored.sha256)?;
            self.upload(path, &key, content_type).await?;
        }
        Ok(stored)
    }

    /// Stores bytes already in memory, such as a generated PDF, unless the
    /// store has them.
    #[instrument(skip_all, fields(size = bytes.len()))]
    pub async fn put_bytes(
        &self,
        bytes: Bytes,
        content_type: &str,
    ) -> Result<StoredFile, PersistenceError> {
        let stored = StoredFile {
            sha256: hex::encode(Sha256::digest(&bytes)),
            size: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        };
        if !self.exists(&stored.sha256).await? {
            let key = FileStore::key(&stored.sha256)?;
            let options = PutOptions {
                attributes: self.attributes(content_type),
                ..PutOptions::default()
            };
            self.store
                .put_opts(&key, PutPayload::from(bytes), options)
                .await
                .map_err(PersistenceError::storage)?;
        }
        Ok(stored)
    }

    /// True when the store holds the file with this hash.
    pub async fn exists(&self, sha256: &str) -> Result<bool, PersistenceError> {
        let key = FileStore::key(sha256)?;
        match self.store.head(&key).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(error) => Err(PersistenceError::storage(error)),
        }
    }

    /// The stored file's bytes as a stream, read from the store piece by
    /// piece.
    #[instrument(skip_all, fields(sha256 = %sha256))]
    pub async fn get(&self, sha256: &str) -> Result<ByteStream, PersistenceError> {
        let key = FileStore::key(sha256)?;
        let result = self
            .store
            .get(&key)
            .await
            .map_err(PersistenceError::storage)?;
        Ok(result
            .into_stream()
            .map(|chunk| chunk.map_err(PersistenceError::storage))
            .boxed())
    }

    /// The content type travels with the object on S3-compatible stores
    /// (the local directory does not keep attributes).
    fn attributes(&self, content_type: &str) -> Attributes {
        if self.remote {
            Attributes::from_iter([(Attribute::ContentType, content_type.to_owned())])
        } else {
            Attributes::new()
        }
    }

    /// Uploads a file in parts, never holding more than a few parts.
    async fn upload(
        &self,
        path: &Path,
        key: &ObjectPath,
        content_type: &str,
    ) -> Result<(), PersistenceError> {
        let options = PutMultipartOptions {
            attributes: self.attributes(content_type),
            ..PutMultipartOptions::default()
        };
        let upload = self
            .store
            .put_multipart_opts(key, options)
            .await
            .map_err(PersistenceError::storage)?;
        let part = if self.remote { REMOTE_PART } else { LOCAL_PART };
        let mut writer = WriteMultipart::new_with_chunk_size(upload, part);
        match copy_into(path, &mut writer).await {
            Ok(()) => {
                writer.finish().await.map_err(PersistenceError::storage)?;
                debug!(store = %self.location, "uploaded");
                Ok(())
            }
            Err(error) => {
                // The upload's own failure is the one worth reporting.
                let _ = writer.abort().await;
                Err(error)
            }
        }
    }
}

/// Removes uploads left behind by a process that was killed while it
/// received them (a clean failure removes its own file at once). Only files
/// older than [`STALE_AFTER`] go, so an upload still arriving at another
/// process sharing the directory is left alone.
fn sweep_stale(temp_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(temp_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let is_upload = entry.file_name().to_string_lossy().starts_with("upload-");
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok());
        if is_upload && age.is_some_and(|age| age > STALE_AFTER) {
            // A file another sweep removed first is fine.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

async fn copy_into(path: &Path, writer: &mut WriteMultipart) -> Result<(), PersistenceError> {
    let mut file = tokio::fs::File::open(path)
        .await
        .map_err(PersistenceError::storage)?;
    let mut buffer = vec![0_u8; READ_CHUNK];
    loop {
        let read = file
            .read(&mut buffer)
            .await
            .map_err(PersistenceError::storage)?;
        if read == 0 {
            return Ok(());
        }
        writer
            .wait_for_capacity(PARTS_IN_FLIGHT)
            .await
            .map_err(PersistenceError::storage)?;
        writer.write(&buffer[..read]);
    }
}

async fn hash_file(path: &Path) -> Result<StoredFile, PersistenceError> {
    let mut file = tokio::fs::File::open(path)
        .await
        .map_err(PersistenceError::storage)?;
    let mut hasher = Sha256::new();
    let mut size = 0_u64;
    let mut buffer = vec![0_u8; READ_CHUNK];
    loop {
        let read = file
            .read(&mut buffer)
            .await
            .map_err(PersistenceError::storage)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        size += u64::try_from(read).unwrap_or(u64::MAX);
    }
    Ok(StoredFile {
        sha256: hex::encode(hasher.finalize()),
        size,
    })
}

/// A temporary file that is removed when dropped, on every path.
#[derive(Debug)]
struct TempPath(PathBuf);

impl Drop for TempPath {
    fn drop(&mut self) {
        // Removing a file that is already gone is fine.
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Bytes arriving in pieces, written to a temporary file while they are
/// hashed and counted.
#[derive(Debug)]
pub struct IncomingFile {
    writer: BufWriter<tokio::fs::File>,
    temp: TempPath,
    hasher: Sha256,
    size: u64,
}

impl IncomingFile {
    /// Appends a piece.
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), PersistenceError> {
        self.writer
            .write_all(chunk)
            .await
            .map_err(PersistenceError::storage)?;
        self.hasher.update(chunk);
        self.size += u64::try_from(chunk.len()).unwrap_or(u64::MAX);
        Ok(())
    }

    /// The bytes written so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Flushes the file and fixes its hash.
    pub async fn finish(mut self) -> Result<HashedFile, PersistenceError> {
        self.writer
            .flush()
            .await
            .map_err(PersistenceError::storage)?;
        Ok(HashedFile {
            stored: StoredFile {
                sha256: hex::encode(self.hasher.finalize()),
                size: self.size,
            },
            temp: self.temp,
        })
    }
}

/// A complete temporary file with its hash; removed when dropped.
#[derive(Debug)]
pub struct HashedFile {
    /// Its hash and size.
    pub stored: StoredFile,
    temp: TempPath,
}

impl HashedFile {
    /// Where the temporary file is, to inspect it before storing.
    pub fn path(&self) -> &Path {
        &self.temp.0
    }
}
