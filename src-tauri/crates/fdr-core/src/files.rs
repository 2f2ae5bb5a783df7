//! File names proposed to the user (save dialogs), made from roadmap data.
//!
//! A name found in data — a title typed by someone, a field of an imported
//! file — is never used as a path: it is reduced to a safe file *name*
//! (no separators, no `..`, no control or reserved characters, no Windows
//! device names such as `CON` or `NUL`, bounded length), and the caller
//! joins it to a folder the user chose.
//!
//! Files are written whole or not at all ([`write_atomically`]).

use std::path::Path;

/// Windows device names, reserved with any extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2",
    "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Where the answers file goes beside a roadmap's JSON export:
/// `NAME.fdr-reponses.json` for `NAME.fdr.json` (and for any other name
/// the user chose, its stem followed by `.fdr-reponses.json`).
pub fn answers_beside(path: &Path) -> std::path::PathBuf {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("feuille-de-route");
    let stem = name
        .strip_suffix(".fdr.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(name);
    path.with_file_name(format!("{stem}.fdr-reponses.json"))
}

/// Most characters kept from a title.
const MAX_STEM: usize = 80;

/// Reduces any text to a safe file-name stem: letters (accents kept), digits,
/// `-` and `_`; everything else becomes a single `-`.
pub fn safe_stem(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let keep = c.is_alphanumeric() && !c.is_control();
        if keep {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.chars().count() >= MAX_STEM {
            break;
        }
    }
    let trimmed = out.trim_matches(|c| c == '-' || c == '.').to_string();
    let upper = trimmed.to_ascii_uppercase();
    if trimmed.is_empty() || RESERVED.iter().any(|r| upper == *r) {
        format!("fichier-{trimmed}").trim_end_matches('-').to_string()
    } else {
        trimmed
    }
}

/// The proposed name of an export: `theme-09-les-sortants-de-l-aide-r3.pdf`.
pub fn export_file_name(theme_number: i64, title: &str, revision: i64, extension: &str) -> String {
    let ext = safe_stem(extension).to_lowercase();
    format!(
        "theme-{theme_number:02}-{}-r{revision}.{ext}",
        safe_stem(&title.to_lowercase())
    )
}

/// Writes `bytes` to `out` through a temporary file in the same folder and a
/// rename, so `out` is never half written.
pub fn write_atomically(out: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = out
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, out)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_go_beside_the_roadmap_file() {
        assert_eq!(
            answers_beside(Path::new("/tmp/theme-09-r4.fdr.json")),
            Path::new("/tmp/theme-09-r4.fdr-reponses.json"),
            "NAME.fdr.json gets NAME.fdr-reponses.json"
        );
        assert_eq!(
            answers_beside(Path::new("envoi.json")),
            Path::new("envoi.fdr-reponses.json"),
            "another name keeps its stem"
        );
    }

    #[test]
    fn names_are_safe_on_every_system() {
        for hostile in [
            "../../etc/passwd",
            "a/b\\c",
            "CON",
            "nul",
            "Lpt1",
            "",
            "..",
            "x\u{0}y",
            "C:\\Windows",
            "  ",
            "aux.txt",
        ] {
            let s = safe_stem(hostile);
            assert!(!s.is_empty(), "{hostile:?} gives a name");
            assert!(
                !s.contains(['/', '\\', ':', '\u{0}']) && !s.contains(".."),
                "{hostile:?} → {s:?} has no separator or .."
            );
            assert!(
                !RESERVED.contains(&s.to_ascii_uppercase().as_str()),
                "{hostile:?} → {s:?} is not a device name"
            );
        }
        assert_eq!(safe_stem("aux.txt"), "aux-txt");
        assert_eq!(safe_stem("CON"), "fichier-CON");
        assert_eq!(safe_stem(&"é".repeat(500)).chars().count(), MAX_STEM, "bounded length");
    }

    #[test]
    fn export_names_read_well() {
        assert_eq!(
            export_file_name(9, "Les sortants de l’aide sociale à l’enfance", 3, "pdf"),
            "theme-09-les-sortants-de-l-aide-sociale-à-l-enfance-r3.pdf"
        );
        assert_eq!(
            export_file_name(1, "<img src=x onerror=alert(1)>", 1, "json"),
            "theme-01-img-src-x-onerror-alert-1-r1.json"
        );
    }
}
