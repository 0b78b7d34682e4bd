//! Thunderbird's saved passwords are encrypted with the profile's own key database (`key4.db`)
//! through NSS's "secret decoder ring". Thunderbird ships NSS in its install folder; it is loaded
//! at run time, only for the moment of the hand-off, so nothing else in the app depends on it.

use std::ffi::{CString, c_char, c_int, c_uint, c_void};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use secrecy::{ExposeSecret, SecretString};

/// NSS has one state per process: one profile at a time.
static NSS: Mutex<()> = Mutex::new(());

const SUCCESS: c_int = 0;

#[repr(C)]
struct SecItem {
    kind: c_int,
    data: *mut u8,
    len: c_uint,
}

impl SecItem {
    fn empty() -> Self {
        Self {
            kind: 0,
            data: std::ptr::null_mut(),
            len: 0,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum NssError {
    /// No NSS library was found (Thunderbird's, else the system's).
    #[error("NSS not found")]
    Missing,
    /// The key database has a primary password: nothing can be written without it.
    #[error("the profile has a primary password")]
    PrimaryPassword,
    #[error("NSS: {0}")]
    Failed(String),
}

/// The NSS libraries to try, Thunderbird's own first: the profile's key database is theirs.
pub fn candidates(install: Option<&Path>) -> Vec<PathBuf> {
    // libnss3.so, nss3.dll, libnss3.dylib
    let file = libloading::library_filename("nss3");
    let mut out: Vec<PathBuf> = install.map(|d| d.join(&file)).into_iter().collect();
    for dir in [
        "/usr/lib/thunderbird",
        "/usr/lib64/thunderbird",
        "/opt/thunderbird",
    ] {
        out.push(Path::new(dir).join(&file));
    }
    out.retain(|p| p.is_file());
    // The system's NSS (the same key4.db format), found by the loader's own search.
    out.push(PathBuf::from(file));
    out
}

/// An open key database. Dropping it shuts NSS down again.
pub struct Keys<'a> {
    lib: &'a libloading::Library,
    slot: *mut c_void,
    _guard: std::sync::MutexGuard<'static, ()>,
}

/// Opens the profile's key database (creating it, without a password, where there is none) and
/// signs in to it with the empty password; a primary password is refused.
pub fn open<'a>(lib: &'a libloading::Library, profile: &Path) -> Result<Keys<'a>, NssError> {
    let guard = NSS.lock().unwrap_or_else(|e| e.into_inner());
    let dir = CString::new(format!("sql:{}", profile.display()))
        .map_err(|e| NssError::Failed(e.to_string()))?;
    // SAFETY: the symbols are NSS's documented C API with these signatures.
    unsafe {
        let init: libloading::Symbol<unsafe extern "C" fn(*const c_char) -> c_int> =
            sym(lib, b"NSS_InitReadWrite\0")?;
        if init(dir.as_ptr()) != SUCCESS {
            return Err(NssError::Failed("NSS_InitReadWrite".into()));
        }
        let get_slot: libloading::Symbol<unsafe extern "C" fn() -> *mut c_void> =
            sym(lib, b"PK11_GetInternalKeySlot\0")?;
        let slot = get_slot();
        let keys = Keys {
            lib,
            slot,
            _guard: guard,
        };
        if slot.is_null() {
            return Err(NssError::Failed("no key slot".into()));
        }
        keys.sign_in()?;
        Ok(keys)
    }
}

type SlotFn = unsafe extern "C" fn(*mut c_void) -> c_int;
type PinFn = unsafe extern "C" fn(*mut c_void, *const c_char, *const c_char) -> c_int;
type CheckFn = unsafe extern "C" fn(*mut c_void, *const c_char) -> c_int;
type EncryptFn =
    unsafe extern "C" fn(*mut SecItem, *mut SecItem, *mut SecItem, *mut c_void) -> c_int;
type DecryptFn = unsafe extern "C" fn(*mut SecItem, *mut SecItem, *mut c_void) -> c_int;
type FreeFn = unsafe extern "C" fn(*mut SecItem, c_int);

unsafe fn sym<'l, T>(
    lib: &'l libloading::Library,
    name: &[u8],
) -> Result<libloading::Symbol<'l, T>, NssError> {
    // SAFETY: the caller names the symbol's real type.
    unsafe { lib.get(name) }.map_err(|e| NssError::Failed(e.to_string()))
}

impl Keys<'_> {
    unsafe fn sign_in(&self) -> Result<(), NssError> {
        // SAFETY: `self.slot` is a live slot from PK11_GetInternalKeySlot.
        unsafe {
            let need_init: libloading::Symbol<SlotFn> = sym(self.lib, b"PK11_NeedUserInit\0")?;
            if need_init(self.slot) != 0 {
                let init_pin: libloading::Symbol<PinFn> = sym(self.lib, b"PK11_InitPin\0")?;
                let empty = c"".as_ptr();
                if init_pin(self.slot, std::ptr::null(), empty) != SUCCESS {
                    return Err(NssError::Failed("PK11_InitPin".into()));
                }
                return Ok(());
            }
            let check: libloading::Symbol<CheckFn> = sym(self.lib, b"PK11_CheckUserPassword\0")?;
            if check(self.slot, c"".as_ptr()) != SUCCESS {
                return Err(NssError::PrimaryPassword);
            }
        }
        Ok(())
    }

    /// The base64 of the value encrypted with the profile's default key, as `logins.json` holds.
    pub fn encrypt(&self, plain: &SecretString) -> Result<String, NssError> {
        use base64::Engine as _;
        let bytes = plain.expose_secret().as_bytes();
        let mut data = SecItem {
            kind: 0,
            data: bytes.as_ptr().cast_mut(),
            len: bytes.len() as c_uint,
        };
        let mut key = SecItem::empty();
        let mut out = SecItem::empty();
        // SAFETY: NSS reads `data` and allocates `out`, which is freed below.
        unsafe {
            let encrypt: libloading::Symbol<EncryptFn> = sym(self.lib, b"PK11SDR_Encrypt\0")?;
            if encrypt(&mut key, &mut data, &mut out, std::ptr::null_mut()) != SUCCESS {
                return Err(NssError::Failed("PK11SDR_Encrypt".into()));
            }
            let text = base64::engine::general_purpose::STANDARD
                .encode(std::slice::from_raw_parts(out.data, out.len as usize));
            self.free(&mut out);
            Ok(text)
        }
    }

    /// A `logins.json` value decrypted (to find an entry already saved for the same user).
    pub fn decrypt(&self, encoded: &str) -> Option<SecretString> {
        use base64::Engine as _;
        let mut bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .ok()?;
        let mut data = SecItem {
            kind: 0,
            data: bytes.as_mut_ptr(),
            len: bytes.len() as c_uint,
        };
        let mut out = SecItem::empty();
        // SAFETY: as in `encrypt`.
        unsafe {
            let decrypt: libloading::Symbol<DecryptFn> =
                sym(self.lib, b"PK11SDR_Decrypt\0").ok()?;
            if decrypt(&mut data, &mut out, std::ptr::null_mut()) != SUCCESS {
                return None;
            }
            let plain =
                String::from_utf8_lossy(std::slice::from_raw_parts(out.data, out.len as usize))
                    .into_owned();
            self.free(&mut out);
            Some(SecretString::from(plain))
        }
    }

    unsafe fn free(&self, item: &mut SecItem) {
        // SAFETY: `item` was allocated by NSS; zeroed before it is freed.
        unsafe {
            if let Ok(free) = sym::<FreeFn>(self.lib, b"SECITEM_ZfreeItem\0") {
                free(item, 0);
            }
        }
    }
}

impl Drop for Keys<'_> {
    fn drop(&mut self) {
        // SAFETY: the slot came from NSS and is released once, then NSS is shut down.
        unsafe {
            let free_slot = sym::<unsafe extern "C" fn(*mut c_void)>(self.lib, b"PK11_FreeSlot\0");
            if let (Ok(free_slot), false) = (free_slot, self.slot.is_null()) {
                free_slot(self.slot);
            }
            if let Ok(shutdown) =
                sym::<unsafe extern "C" fn() -> c_int>(self.lib, b"NSS_Shutdown\0")
            {
                shutdown();
            }
        }
    }
}

/// Loads the first NSS library that loads.
pub fn load(install: Option<&Path>) -> Result<libloading::Library, NssError> {
    for path in candidates(install) {
        // SAFETY: loading NSS runs only its own initialisers.
        if let Ok(lib) = unsafe { open_library(&path) } {
            return Ok(lib);
        }
    }
    Err(NssError::Missing)
}

#[cfg(not(windows))]
unsafe fn open_library(path: &Path) -> Result<libloading::Library, libloading::Error> {
    // SAFETY: as in `load`.
    unsafe { libloading::Library::new(path) }
}

/// Windows: nss3.dll's own folder is searched for the DLLs it needs (mozglue.dll…).
#[cfg(windows)]
unsafe fn open_library(path: &Path) -> Result<libloading::Library, libloading::Error> {
    use libloading::os::windows::{LOAD_WITH_ALTERED_SEARCH_PATH, Library};
    // SAFETY: as in `load`.
    unsafe { Library::load_with_flags(path, LOAD_WITH_ALTERED_SEARCH_PATH) }.map(Into::into)
}
