//! A simulated disk for SQLite: a VFS (registered as [`VFS`]) that passes
//! every call to the operating system's own VFS, and on demand
//!
//! - **cuts the power** at a chosen write or sync: what the disk then holds
//!   is, for each file, its content at its last `fsync` plus a random
//!   subset of the writes made since (each kept whole, dropped, or torn at
//!   a 512-byte boundary), which is what a power cut may leave behind on a
//!   disk with a volatile write cache; every later call fails as if the
//!   machine were off;
//! - **fails** reads, writes or syncs with an I/O error (a failing disk, a
//!   USB key pulled out), from the N-th call of that kind until cleared.
//!
//! Only files SQLite opens as a main database, its WAL or its journal are
//! followed (the shared-memory index is rebuilt after a crash anyway).
//! One test at a time holds the disk: [`SimulatedDisk::take`] locks it.
//! To follow another kind of call, wrap it like `disk_write` below and
//! count it with `State::event`.
//!
//! This is the only `unsafe` code of the project: FFI with SQLite's VFS
//! interface, in a test crate, never shipped.
#![allow(unsafe_code)]

use fdr_core::sample::Sequence;
use rusqlite::ffi;
use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void, CStr};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

/// The name to open a store with (`Store::open_on_vfs`).
pub const VFS: &str = "fdr-simulated-disk";

/// A kind of call that can be made to fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fault {
    /// `pread`: the disk cannot be read.
    Read,
    /// `pwrite`: the disk refuses a write.
    Write,
    /// `fsync`: the disk cannot make the writes durable.
    Sync,
}

enum Pending {
    Write { offset: u64, data: Vec<u8> },
    Truncate(u64),
}

/// A followed file: what survives a power cut for sure (its content at the
/// last sync, `None` if it never was synced since it was created), and what
/// was done since.
struct Followed {
    durable: Option<Vec<u8>>,
    pending: Vec<Pending>,
}

#[derive(Default)]
struct State {
    files: HashMap<PathBuf, Followed>,
    /// Writes, truncations and syncs seen so far.
    events: u64,
    cut_at: Option<(u64, u64)>,
    /// What the disk held when the power went.
    image: Option<Vec<(PathBuf, Option<Vec<u8>>)>>,
    fault: Option<(Fault, u64)>,
    calls: HashMap<Fault, u64>,
    syncs: u64,
}

impl State {
    /// Counts a write, truncation or sync; cuts the power when its time
    /// has come. `false` when the machine is off.
    fn event(&mut self) -> bool {
        if self.image.is_some() {
            return false;
        }
        self.events += 1;
        if let Some((at, seed)) = self.cut_at {
            if self.events >= at {
                self.image = Some(self.after_power_cut(seed));
                return false;
            }
        }
        true
    }

    /// Whether this call must fail (a fault injected for its kind).
    fn fails(&mut self, kind: Fault) -> bool {
        let n = self.calls.entry(kind).or_default();
        *n += 1;
        matches!(self.fault, Some((k, after)) if k == kind && *n > after)
    }

    fn after_power_cut(&self, seed: u64) -> Vec<(PathBuf, Option<Vec<u8>>)> {
        let mut seq = Sequence::new(seed);
        let mut image = Vec::new();
        for (path, file) in &self.files {
            let mut content = file.durable.clone();
            for op in &file.pending {
                if seq.below(2) == 0 {
                    continue; // lost in the write cache
                }
                let bytes = content.get_or_insert_with(Vec::new);
                match op {
                    Pending::Truncate(size) => bytes.truncate(*size as usize),
                    Pending::Write { offset, data } => {
                        // One kept write in four is torn: only its first sectors made it.
                        let kept = if seq.below(4) == 0 {
                            (seq.below(data.len() as u64 / 512 + 1) * 512) as usize
                        } else {
                            data.len()
                        }
                        .min(data.len());
                        let start = *offset as usize;
                        if bytes.len() < start + kept {
                            bytes.resize(start + kept, 0);
                        }
                        bytes[start..start + kept].copy_from_slice(&data[..kept]);
                    }
                }
            }
            image.push((path.clone(), content));
        }
        image.sort_by(|a, b| a.0.cmp(&b.0));
        image
    }
}

fn state() -> MutexGuard<'static, State> {
    static STATE: OnceLock<Mutex<State>> = OnceLock::new();
    STATE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// The disk, held by one test at a time.
pub struct SimulatedDisk {
    _turn: MutexGuard<'static, ()>,
}

/// What a power cut left: each followed file's content, `None` when the
/// file did not survive.
pub type DiskImage = Vec<(PathBuf, Option<Vec<u8>>)>;

impl SimulatedDisk {
    /// Registers the VFS (once), waits for the disk, and resets it.
    pub fn take() -> Self {
        static TURN: Mutex<()> = Mutex::new(());
        let turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
        register();
        *state() = State::default();
        Self { _turn: turn }
    }

    /// Everything written so far becomes durable (as after a clean
    /// shutdown); the counters restart. Files already followed stay so.
    pub fn settle(&self) {
        let mut s = state();
        for (path, f) in s.files.iter_mut() {
            f.durable = std::fs::read(path).ok();
            f.pending.clear();
        }
        s.events = 0;
        s.cut_at = None;
        s.image = None;
        s.calls.clear();
    }

    /// The power goes at the `events`-th write, truncation or sync from
    /// now (the call does not happen); `seed` decides which unsynced writes
    /// survive.
    pub fn cut_power_at(&self, events: u64, seed: u64) {
        let mut s = state();
        let at = s.events + events.max(1);
        s.cut_at = Some((at, seed));
    }

    /// What the disk held when the power went, if it did.
    pub fn image(&self) -> Option<DiskImage> {
        state().image.clone()
    }

    /// From the `after + 1`-th call of `kind` on (counted from the last
    /// [`settle`](Self::settle)), every such call fails with an I/O error.
    pub fn fail(&self, kind: Fault, after: u64) {
        let mut s = state();
        s.calls.clear();
        s.fault = Some((kind, after));
    }

    /// The disk works again.
    pub fn repair(&self) {
        state().fault = None;
    }

    /// Syncs that reached the disk since the disk was taken.
    pub fn syncs(&self) -> u64 {
        state().syncs
    }
}

impl Drop for SimulatedDisk {
    fn drop(&mut self) {
        *state() = State::default();
    }
}

/// Writes what a disk image holds of the files of directory `from` into
/// directory `to`, each under its own name (the machine restarting); a
/// file that did not survive is not written.
pub fn restore_image(image: &DiskImage, from: &Path, to: &Path) -> std::io::Result<usize> {
    let mut restored = 0;
    for (path, content) in image {
        if let (Some(name), Some(bytes), true) = (path.file_name(), content, path.parent() == Some(from)) {
            std::fs::write(to.join(name), bytes)?;
            restored += 1;
        }
    }
    Ok(restored)
}

// ----- the VFS -----

/// Our file: SQLite allocates `szOsFile` bytes; the real file (the
/// operating system VFS's) lives right after this header.
#[repr(C)]
struct DiskFile {
    base: ffi::sqlite3_file,
    real: *mut ffi::sqlite3_file,
    /// Followed path, or null (leaked once per open of a followed file: tests only).
    path: *const PathBuf,
}

fn register() {
    static REGISTERED: OnceLock<()> = OnceLock::new();
    REGISTERED.get_or_init(|| unsafe {
        let real = ffi::sqlite3_vfs_find(std::ptr::null());
        assert!(!real.is_null(), "SQLite has a default VFS");
        let r = &*real;
        let vfs = Box::new(ffi::sqlite3_vfs {
            iVersion: 2,
            szOsFile: std::mem::size_of::<DiskFile>() as c_int + r.szOsFile,
            mxPathname: r.mxPathname,
            pNext: std::ptr::null_mut(),
            zName: c"fdr-simulated-disk".as_ptr(),
            pAppData: real.cast(),
            xOpen: Some(disk_open),
            xDelete: Some(disk_delete),
            xAccess: r.xAccess,
            xFullPathname: r.xFullPathname,
            xDlOpen: r.xDlOpen,
            xDlError: r.xDlError,
            xDlSym: r.xDlSym,
            xDlClose: r.xDlClose,
            xRandomness: r.xRandomness,
            xSleep: r.xSleep,
            xCurrentTime: r.xCurrentTime,
            xGetLastError: r.xGetLastError,
            xCurrentTimeInt64: r.xCurrentTimeInt64,
            xSetSystemCall: None,
            xGetSystemCall: None,
            xNextSystemCall: None,
        });
        let rc = ffi::sqlite3_vfs_register(Box::into_raw(vfs), 0);
        assert_eq!(rc, ffi::SQLITE_OK, "the simulated disk registers");
    });
}

unsafe fn real_vfs(vfs: *mut ffi::sqlite3_vfs) -> *mut ffi::sqlite3_vfs {
    (*vfs).pAppData.cast()
}

unsafe fn real(f: *mut ffi::sqlite3_file) -> *mut ffi::sqlite3_file {
    (*f.cast::<DiskFile>()).real
}

unsafe fn methods(f: *mut ffi::sqlite3_file) -> &'static ffi::sqlite3_io_methods {
    &*(*real(f)).pMethods
}

unsafe fn followed(f: *mut ffi::sqlite3_file) -> Option<&'static PathBuf> {
    (*f.cast::<DiskFile>()).path.as_ref()
}

unsafe extern "C" fn disk_open(
    vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    file: *mut ffi::sqlite3_file,
    flags: c_int,
    out_flags: *mut c_int,
) -> c_int {
    let own = file.cast::<DiskFile>();
    let inner = file
        .cast::<u8>()
        .add(std::mem::size_of::<DiskFile>())
        .cast::<ffi::sqlite3_file>();
    (*own).real = inner;
    (*own).path = std::ptr::null();
    (*own).base.pMethods = std::ptr::null();
    let r = real_vfs(vfs);
    let rc = ((*r).xOpen.expect("xOpen"))(r, name, inner, flags, out_flags);
    if rc != ffi::SQLITE_OK {
        return rc;
    }
    let kinds = ffi::SQLITE_OPEN_MAIN_DB | ffi::SQLITE_OPEN_WAL | ffi::SQLITE_OPEN_MAIN_JOURNAL;
    if !name.is_null() && flags & kinds != 0 {
        let path = PathBuf::from(CStr::from_ptr(name).to_string_lossy().into_owned());
        let mut s = state();
        // What is on disk when a file is first opened is durable (it was
        // there before, or was just created empty).
        let durable = std::fs::read(&path).ok();
        s.files.entry(path.clone()).or_insert(Followed {
            durable,
            pending: Vec::new(),
        });
        (*own).path = Box::into_raw(Box::new(path));
    }
    (*own).base.pMethods = &DISK_METHODS;
    ffi::SQLITE_OK
}

unsafe extern "C" fn disk_delete(vfs: *mut ffi::sqlite3_vfs, name: *const c_char, sync_dir: c_int) -> c_int {
    {
        let mut s = state();
        if !s.event() {
            return ffi::SQLITE_IOERR_DELETE;
        }
        if !name.is_null() {
            let path = PathBuf::from(CStr::from_ptr(name).to_string_lossy().into_owned());
            if let Some(f) = s.files.get_mut(&path) {
                // Deleting after a sync of the directory is durable; counted as done.
                f.durable = None;
                f.pending.clear();
            }
        }
    }
    let r = real_vfs(vfs);
    ((*r).xDelete.expect("xDelete"))(r, name, sync_dir)
}

static DISK_METHODS: ffi::sqlite3_io_methods = ffi::sqlite3_io_methods {
    iVersion: 3,
    xClose: Some(disk_close),
    xRead: Some(disk_read),
    xWrite: Some(disk_write),
    xTruncate: Some(disk_truncate),
    xSync: Some(disk_sync),
    xFileSize: Some(disk_file_size),
    xLock: Some(disk_lock),
    xUnlock: Some(disk_unlock),
    xCheckReservedLock: Some(disk_check_reserved_lock),
    xFileControl: Some(disk_file_control),
    xSectorSize: Some(disk_sector_size),
    xDeviceCharacteristics: Some(disk_device_characteristics),
    xShmMap: Some(disk_shm_map),
    xShmLock: Some(disk_shm_lock),
    xShmBarrier: Some(disk_shm_barrier),
    xShmUnmap: Some(disk_shm_unmap),
    xFetch: Some(disk_fetch),
    xUnfetch: Some(disk_unfetch),
};

unsafe extern "C" fn disk_close(f: *mut ffi::sqlite3_file) -> c_int {
    let rc = (methods(f).xClose.expect("xClose"))(real(f));
    let own = f.cast::<DiskFile>();
    if !(*own).path.is_null() {
        drop(Box::from_raw((*own).path.cast_mut()));
        (*own).path = std::ptr::null();
    }
    rc
}

unsafe extern "C" fn disk_read(f: *mut ffi::sqlite3_file, buf: *mut c_void, amount: c_int, offset: i64) -> c_int {
    {
        let mut s = state();
        if s.image.is_some() || s.fails(Fault::Read) {
            return ffi::SQLITE_IOERR_READ;
        }
    }
    (methods(f).xRead.expect("xRead"))(real(f), buf, amount, offset)
}

unsafe extern "C" fn disk_write(f: *mut ffi::sqlite3_file, buf: *const c_void, amount: c_int, offset: i64) -> c_int {
    let mut s = state();
    if !s.event() || s.fails(Fault::Write) {
        return ffi::SQLITE_IOERR_WRITE;
    }
    let rc = (methods(f).xWrite.expect("xWrite"))(real(f), buf, amount, offset);
    if rc == ffi::SQLITE_OK {
        if let Some(path) = followed(f) {
            let data = std::slice::from_raw_parts(buf.cast::<u8>(), amount as usize).to_vec();
            if let Some(file) = s.files.get_mut(path) {
                file.pending.push(Pending::Write {
                    offset: offset as u64,
                    data,
                });
            }
        }
    }
    rc
}

unsafe extern "C" fn disk_truncate(f: *mut ffi::sqlite3_file, size: i64) -> c_int {
    let mut s = state();
    if !s.event() || s.fails(Fault::Write) {
        return ffi::SQLITE_IOERR_TRUNCATE;
    }
    let rc = (methods(f).xTruncate.expect("xTruncate"))(real(f), size);
    if rc == ffi::SQLITE_OK {
        if let Some(file) = followed(f).and_then(|p| s.files.get_mut(p)) {
            file.pending.push(Pending::Truncate(size as u64));
        }
    }
    rc
}

unsafe extern "C" fn disk_sync(f: *mut ffi::sqlite3_file, flags: c_int) -> c_int {
    let mut s = state();
    if !s.event() || s.fails(Fault::Sync) {
        return ffi::SQLITE_IOERR_FSYNC;
    }
    let rc = (methods(f).xSync.expect("xSync"))(real(f), flags);
    if rc == ffi::SQLITE_OK {
        s.syncs += 1;
        if let Some(path) = followed(f) {
            let now = std::fs::read(path).ok();
            if let Some(file) = s.files.get_mut(path) {
                file.durable = now;
                file.pending.clear();
            }
        }
    }
    rc
}

unsafe extern "C" fn disk_file_size(f: *mut ffi::sqlite3_file, size: *mut i64) -> c_int {
    (methods(f).xFileSize.expect("xFileSize"))(real(f), size)
}

unsafe extern "C" fn disk_lock(f: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    (methods(f).xLock.expect("xLock"))(real(f), level)
}

unsafe extern "C" fn disk_unlock(f: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    (methods(f).xUnlock.expect("xUnlock"))(real(f), level)
}

unsafe extern "C" fn disk_check_reserved_lock(f: *mut ffi::sqlite3_file, out: *mut c_int) -> c_int {
    (methods(f).xCheckReservedLock.expect("xCheckReservedLock"))(real(f), out)
}

unsafe extern "C" fn disk_file_control(f: *mut ffi::sqlite3_file, op: c_int, arg: *mut c_void) -> c_int {
    (methods(f).xFileControl.expect("xFileControl"))(real(f), op, arg)
}

unsafe extern "C" fn disk_sector_size(f: *mut ffi::sqlite3_file) -> c_int {
    (methods(f).xSectorSize.expect("xSectorSize"))(real(f))
}

unsafe extern "C" fn disk_device_characteristics(f: *mut ffi::sqlite3_file) -> c_int {
    // Promise nothing beyond what a plain disk gives (no atomic or ordered
    // writes). "Power-safe overwrite" stays as the OS VFS says (on by
    // default): a write changes no byte outside itself, which is also what
    // our power cuts do (they drop or tear a write, never its neighbours).
    (methods(f).xDeviceCharacteristics.expect("xDeviceCharacteristics"))(real(f))
        & !(ffi::SQLITE_IOCAP_SEQUENTIAL
            | ffi::SQLITE_IOCAP_SAFE_APPEND
            | ffi::SQLITE_IOCAP_ATOMIC
            | ffi::SQLITE_IOCAP_BATCH_ATOMIC)
}

unsafe extern "C" fn disk_shm_map(
    f: *mut ffi::sqlite3_file,
    page: c_int,
    size: c_int,
    extend: c_int,
    out: *mut *mut c_void,
) -> c_int {
    if state().image.is_some() {
        return ffi::SQLITE_IOERR_SHMMAP;
    }
    (methods(f).xShmMap.expect("xShmMap"))(real(f), page, size, extend, out)
}

unsafe extern "C" fn disk_shm_lock(f: *mut ffi::sqlite3_file, offset: c_int, n: c_int, flags: c_int) -> c_int {
    (methods(f).xShmLock.expect("xShmLock"))(real(f), offset, n, flags)
}

unsafe extern "C" fn disk_shm_barrier(f: *mut ffi::sqlite3_file) {
    (methods(f).xShmBarrier.expect("xShmBarrier"))(real(f))
}

unsafe extern "C" fn disk_shm_unmap(f: *mut ffi::sqlite3_file, delete: c_int) -> c_int {
    (methods(f).xShmUnmap.expect("xShmUnmap"))(real(f), delete)
}

unsafe extern "C" fn disk_fetch(f: *mut ffi::sqlite3_file, offset: i64, amount: c_int, out: *mut *mut c_void) -> c_int {
    // No memory-mapped reads: every read goes through `disk_read`.
    let _ = (f, offset, amount);
    *out = std::ptr::null_mut();
    ffi::SQLITE_OK
}

unsafe extern "C" fn disk_unfetch(f: *mut ffi::sqlite3_file, offset: i64, p: *mut c_void) -> c_int {
    let _ = (f, offset, p);
    ffi::SQLITE_OK
}
