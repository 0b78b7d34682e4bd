//! A company's own certificate authority, picked by the user from the file the IT department
//! sent: what it is (whose, by whom, its SHA-256 fingerprint) is shown before it is trusted, and
//! a copy is kept with the one account it was trusted for (never for other servers).

use std::path::{Path, PathBuf};

use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;

/// What a certificate file holds, as the user is shown it before trusting it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaInfo {
    /// The first certificate's subject (its common name, else the whole name).
    pub subject: String,
    pub issuer: String,
    /// SHA-256 of the first certificate, as `AB:CD:…` (what IT can read out on the phone).
    pub fingerprint: String,
    /// How many certificates the file holds (a chain counts each).
    pub count: usize,
    /// The certificates as PEM, for the copy kept with the account.
    pub pem: String,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CaError {
    #[error("{path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    /// Neither PEM nor DER certificates in it.
    #[error("{0}: no certificate in it")]
    NoCertificate(PathBuf),
}

/// Reads a certificate file, PEM (`.pem`, `.crt`) or DER (`.cer`, `.der`).
pub fn inspect(path: &Path) -> Result<CaInfo, CaError> {
    let bytes = std::fs::read(path).map_err(|e| CaError::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let pem: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&bytes)
        .filter_map(Result::ok)
        .collect();
    let certs = if pem.is_empty() {
        vec![CertificateDer::from(bytes)]
    } else {
        pem
    };
    let no_cert = || CaError::NoCertificate(path.to_path_buf());
    let first = certs.first().ok_or_else(no_cert)?;
    let (_, parsed) = x509_parser::parse_x509_certificate(first).map_err(|_| no_cert())?;
    let name = |n: &x509_parser::x509::X509Name<'_>| {
        n.iter_common_name()
            .next()
            .and_then(|cn| cn.as_str().ok())
            .map(str::to_string)
            .unwrap_or_else(|| n.to_string())
    };
    Ok(CaInfo {
        subject: name(parsed.subject()),
        issuer: name(parsed.issuer()),
        fingerprint: fingerprint(first),
        count: certs.len(),
        pem: certs.iter().map(|c| to_pem(c)).collect(),
    })
}

fn fingerprint(der: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, der);
    let hex: Vec<String> = digest.as_ref().iter().map(|b| format!("{b:02X}")).collect();
    hex.join(":")
}

fn to_pem(der: &[u8]) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        lines.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_no_certificate_is_said_so() {
        let dir = std::env::temp_dir().join(format!("mailsetup-ca-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join("not-a-cert.pem");
        std::fs::write(&file, "hello").expect("write");
        assert_eq!(inspect(&file), Err(CaError::NoCertificate(file.clone())));
        let missing = dir.join("missing.pem");
        assert!(matches!(inspect(&missing), Err(CaError::Unreadable { .. })));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
