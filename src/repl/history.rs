//! The REPL history file: one entry a line (a multi-line block with `\n` escaped), in
//! `$XDG_DATA_HOME/tsr/history`. Entries are appended with one write under a lock, so a
//! crash loses at most the entry being written and two REPLs never clobber each other's
//! lines; the file is only ever rewritten by compaction, which writes a temporary file and
//! renames it into place (under the same lock). Loading de-duplicates: an entry appears
//! once, at its latest position.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Entries kept (the file is compacted when it holds twice as many lines).
pub const MAX_ENTRIES: usize = 2000;

/// Where the history file lives: the user's data directory.
pub fn default_path() -> Option<PathBuf> {
    let dir = dirs::data_dir()?.join("tsr");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("history"))
}

pub struct HistoryFile {
    path: PathBuf,
    lock_path: PathBuf,
}

/// A line of the file for an entry.
pub fn escape(entry: &str) -> String {
    let mut s = String::with_capacity(entry.len() + 1);
    for c in entry.chars() {
        match c {
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\r' => {}
            c => s.push(c),
        }
    }
    s
}

/// The entry a line of the file holds.
pub fn unescape(line: &str) -> String {
    let mut s = String::with_capacity(line.len());
    let mut it = line.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') => s.push('\n'),
                Some('\\') => s.push('\\'),
                Some(o) => {
                    s.push('\\');
                    s.push(o);
                }
                None => s.push('\\'),
            }
        } else {
            s.push(c);
        }
    }
    s
}

/// The entries of the file's text, oldest first, each once (at its latest position).
pub fn parse_dedup(text: &str) -> Vec<String> {
    let all: Vec<String> = text.lines().filter(|l| !l.trim().is_empty()).map(unescape).collect();
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<String> = Vec::with_capacity(all.len());
    for e in all.into_iter().rev() {
        if seen.insert(e.clone()) {
            out.push(e);
        }
    }
    out.reverse();
    out
}

impl HistoryFile {
    pub fn new(path: PathBuf) -> HistoryFile {
        let mut lock = path.clone().into_os_string();
        lock.push(".lock");
        HistoryFile { path, lock_path: PathBuf::from(lock) }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Holds the history lock while `f` runs (an advisory lock on a separate file, so the
    /// history file itself can be replaced by a rename).
    fn locked<T>(&self, f: impl FnOnce() -> std::io::Result<T>) -> std::io::Result<T> {
        let lock = OpenOptions::new().create(true).truncate(false).write(true).open(&self.lock_path)?;
        lock.lock()?;
        let r = f();
        let _ = lock.unlock();
        r
    }

    /// The entries, oldest first, de-duplicated and capped at `MAX_ENTRIES`. Compacts the
    /// file when it has grown to twice that or holds many duplicates.
    pub fn load(&self) -> Vec<String> {
        let text = match self.locked(|| std::fs::read(&self.path)) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(_) => return Vec::new(),
        };
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        let mut entries = parse_dedup(&text);
        if entries.len() > MAX_ENTRIES {
            entries.drain(..entries.len() - MAX_ENTRIES);
        }
        if lines > 2 * MAX_ENTRIES || (lines > 200 && lines > 2 * entries.len()) {
            let _ = self.compact();
        }
        entries
    }

    /// Appends one entry (with a newline first if a crash left the last line unfinished).
    pub fn append(&self, entry: &str) -> std::io::Result<()> {
        if entry.trim().is_empty() {
            return Ok(());
        }
        let line = escape(entry);
        self.locked(|| {
            let mut f = OpenOptions::new().create(true).append(true).read(true).open(&self.path)?;
            let mut rec = String::with_capacity(line.len() + 2);
            if !ends_with_newline(&mut f)? {
                rec.push('\n');
            }
            rec.push_str(&line);
            rec.push('\n');
            f.write_all(rec.as_bytes())?;
            f.flush()
        })
    }

    /// Compacts the file if it holds an entry twice or more than `MAX_ENTRIES` entries.
    pub fn compact_if_duplicated(&self) -> std::io::Result<()> {
        let text = String::from_utf8_lossy(&std::fs::read(&self.path)?).into_owned();
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        let distinct = parse_dedup(&text).len();
        if lines > distinct || distinct > MAX_ENTRIES {
            self.compact()?;
        }
        Ok(())
    }

    /// Rewrites the file de-duplicated and capped: a temporary file in the same directory,
    /// synced, then renamed over the old one.
    pub fn compact(&self) -> std::io::Result<()> {
        self.locked(|| {
            let text = String::from_utf8_lossy(&std::fs::read(&self.path)?).into_owned();
            let mut entries = parse_dedup(&text);
            if entries.len() > MAX_ENTRIES {
                entries.drain(..entries.len() - MAX_ENTRIES);
            }
            let mut body = String::new();
            for e in &entries {
                body.push_str(&escape(e));
                body.push('\n');
            }
            write_atomic(&self.path, body.as_bytes())
        })
    }
}

fn ends_with_newline(f: &mut File) -> std::io::Result<bool> {
    let len = f.metadata()?.len();
    if len == 0 {
        return Ok(true);
    }
    f.seek(SeekFrom::Start(len - 1))?;
    let mut b = [0u8; 1];
    f.read_exact(&mut b)?;
    Ok(b[0] == b'\n')
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, synced, renamed over.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".tsr-").suffix(".tmp").tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_round_trips() {
        for e in ["x = 1", "for i in range(3):\n    print(i)", "s = 'a\\\\nb'", "back\\slash\\"] {
            assert_eq!(unescape(&escape(e)), e);
            assert!(!escape(e).contains('\n'));
        }
    }

    #[test]
    fn load_dedups_keeping_the_latest_position() {
        assert_eq!(parse_dedup("a\nb\na\nc\n\nb\n"), vec!["a", "c", "b"]);
    }

    #[test]
    fn append_load_compact() {
        let dir = tempfile::tempdir().expect("tmp");
        let h = HistoryFile::new(dir.path().join("history"));
        assert!(h.load().is_empty());
        h.append("x = 1").expect("append");
        h.append("for i in range(2):\n    print(i)").expect("append");
        h.append("x = 1").expect("append");
        assert_eq!(h.load(), vec!["for i in range(2):\n    print(i)".to_string(), "x = 1".to_string()]);
        // A crash mid-line: the next entry starts on a line of its own.
        let mut f = OpenOptions::new().append(true).open(h.path()).expect("open");
        f.write_all(b"partial").expect("write");
        h.append("y = 2").expect("append");
        let loaded = h.load();
        assert_eq!(loaded.last().map(String::as_str), Some("y = 2"));
        assert!(loaded.contains(&"partial".to_string()));
        h.compact().expect("compact");
        let text = std::fs::read_to_string(h.path()).expect("read");
        assert_eq!(text.lines().count(), 4);
    }

    #[test]
    fn concurrent_appends_keep_every_entry() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("history");
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let p = path.clone();
                std::thread::spawn(move || {
                    let h = HistoryFile::new(p);
                    for i in 0..50 {
                        h.append(&format!("t{t} = {i}")).expect("append");
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().expect("join");
        }
        let h = HistoryFile::new(path);
        assert_eq!(h.load().len(), 200);
    }
}
