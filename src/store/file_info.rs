//! A loaded verdict file's identity: where it lives, what it carried that factdesk does
//! not model, and how it looked on disk.

use std::path::PathBuf;

use serde_json::{Map, Value};

/// Where the verdict file lives and what it carried that factdesk does not model.
#[derive(Debug, Clone, PartialEq)]
pub struct FileInfo {
    pub path: PathBuf,
    /// Unknown top-level fields, written back unchanged.
    pub extra: Map<String, Value>,
    /// `view` fields factdesk does not use, written back unchanged.
    pub view_extra: Map<String, Value>,
    /// The file on disk as last read or written, to notice changes made elsewhere.
    pub stamp: Option<super::DiskStamp>,
}

impl FileInfo {
    /// A verdict file not yet on disk.
    pub fn new(path: PathBuf) -> Self {
        FileInfo {
            path,
            extra: Map::new(),
            view_extra: Map::new(),
            stamp: None,
        }
    }
}
