//! The built web app, read into memory once when the gateway starts: a few megabytes at
//! most, and a request can only ever name a file that was in the build (no path from a
//! request reaches the file system).

use std::collections::HashMap;
use std::path::Path;

use axum::body::Bytes;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};

/// The largest file the build may hold; bigger ones are left out (and logged).
const LARGEST_FILE: u64 = 16 * 1024 * 1024;

/// One file of the build.
#[derive(Debug, Clone)]
pub struct StaticFile {
    bytes: Bytes,
    content_type: &'static str,
}

impl StaticFile {
    /// The file with its type and `cache_control`.
    pub fn response(&self, cache_control: &'static str) -> Response {
        (
            [
                (CONTENT_TYPE, HeaderValue::from_static(self.content_type)),
                (CACHE_CONTROL, HeaderValue::from_static(cache_control)),
            ],
            self.bytes.clone(),
        )
            .into_response()
    }
}

/// The files of the build by their path relative to its root (`assets/index-3f2a.js`).
#[derive(Debug, Default)]
pub struct StaticFiles {
    files: HashMap<String, StaticFile>,
}

impl StaticFiles {
    /// Reads every file under `root`; a missing root is an empty build (logged).
    pub fn load(root: &Path) -> Self {
        let mut files = HashMap::new();
        if root.is_dir() {
            read_dir(root, "", &mut files);
            tracing::info!(root = %root.display(), files = files.len(), "web app loaded");
        } else {
            tracing::warn!(root = %root.display(), "the web app is not built; `/` says how to build it");
        }
        Self { files }
    }

    /// The file at `path`, relative to the build's root.
    pub fn get(&self, path: &str) -> Option<&StaticFile> {
        self.files.get(path)
    }

    /// How many files the build has.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the build is missing or empty.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

fn read_dir(dir: &Path, prefix: &str, files: &mut HashMap<String, StaticFile>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            tracing::warn!(dir = %dir.display(), error = %e, "cannot read the web app");
            return;
        }
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let relative = format!("{prefix}{name}");
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            read_dir(&path, &format!("{relative}/"), files);
        } else if meta.len() > LARGEST_FILE {
            tracing::warn!(file = %path.display(), "left out of the web app: too large");
        } else {
            match std::fs::read(&path) {
                Ok(bytes) => {
                    let content_type = content_type(&name);
                    files.insert(
                        relative,
                        StaticFile {
                            bytes: Bytes::from(bytes),
                            content_type,
                        },
                    );
                }
                Err(e) => tracing::warn!(file = %path.display(), error = %e, "cannot read"),
            }
        }
    }
}

/// The `Content-Type` of a file of the build, by its extension.
fn content_type(name: &str) -> &'static str {
    let extension = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    match extension.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_read_recursively_and_typed() {
        let root = std::env::temp_dir().join(format!("ct-web-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(root.join("assets")).expect("dirs");
        std::fs::write(root.join("index.html"), "<!doctype html>").expect("write");
        std::fs::write(root.join("assets/index-abc.js"), "export {}").expect("write");
        std::fs::write(root.join(".hidden"), "x").expect("write");
        let files = StaticFiles::load(&root);
        assert_eq!(files.len(), 2);
        let js = files.get("assets/index-abc.js").expect("the script");
        assert_eq!(js.content_type, "text/javascript; charset=utf-8");
        assert!(files.get("../index.html").is_none());
        std::fs::remove_dir_all(&root).expect("clean up");
        assert!(StaticFiles::load(&root).is_empty());
    }
}
