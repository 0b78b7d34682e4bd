//! TLS for both probes: platform roots plus optional extra roots (`--ca-file`), always verified.
//! There is deliberately no way to turn verification off.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{CertificateError, ClientConfig, RootCertStore};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use super::{ErrorKind, Fail, TlsReason};

#[derive(Debug, thiserror::Error)]
pub enum TlsSetupError {
    #[error("{path}: {reason}")]
    CaFile { path: PathBuf, reason: String },
}

/// Loading the system store reads hundreds of files; do it once per process.
static NATIVE_ROOTS: LazyLock<Vec<CertificateDer<'static>>> =
    LazyLock::new(|| rustls_native_certs::load_native_certs().certs);

/// A client configuration trusting the platform roots and, if given, the CAs in `extra_ca`.
pub fn client_config(extra_ca: Option<&Path>) -> Result<Arc<ClientConfig>, TlsSetupError> {
    let mut roots = RootCertStore::empty();
    roots.add_parsable_certificates(NATIVE_ROOTS.iter().cloned());
    if let Some(path) = extra_ca {
        let ca_err = |reason: String| TlsSetupError::CaFile {
            path: path.to_path_buf(),
            reason,
        };
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
            .map_err(|e| ca_err(e.to_string()))?
            .collect::<Result<_, _>>()
            .map_err(|e| ca_err(e.to_string()))?;
        if certs.is_empty() {
            return Err(ca_err("no PEM certificate found".into()));
        }
        for cert in certs {
            roots.add(cert).map_err(|e| ca_err(e.to_string()))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsSetupError::CaFile {
            path: PathBuf::new(),
            reason: e.to_string(),
        })?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

pub(crate) async fn handshake<S>(
    stream: S,
    host: &str,
    config: Arc<ClientConfig>,
) -> Result<TlsStream<S>, Fail>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    connect(stream, host, config).await.map_err(classify)
}

/// The handshake on a port set to SSL/TLS from the start. A server that answers in plain text
/// (`* OK`, `220 …`) is a STARTTLS or plain port: that is a wrong setting, not a broken server.
pub(crate) async fn implicit<S>(
    stream: S,
    host: &str,
    config: Arc<ClientConfig>,
) -> Result<TlsStream<S>, Fail>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    connect(stream, host, config).await.map_err(|e| {
        // The first record was no TLS record at all: the server spoke plain text.
        let plain = e
            .get_ref()
            .and_then(|i| i.downcast_ref::<rustls::Error>())
            .is_some_and(|r| matches!(r, rustls::Error::InvalidMessage(_)));
        if plain {
            Fail::new(
                ErrorKind::SecurityMismatch,
                format!("the server answered in plain text, not TLS ({e})"),
            )
        } else {
            classify(e)
        }
    })
}

async fn connect<S>(stream: S, host: &str, config: Arc<ClientConfig>) -> io::Result<TlsStream<S>>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let name = ServerName::try_from(host.to_string()).map_err(|e| {
        io::Error::new(io::ErrorKind::InvalidInput, format!("bad server name: {e}"))
    })?;
    TlsConnector::from(config).connect(name, stream).await
}

fn classify(e: io::Error) -> Fail {
    if e.kind() == io::ErrorKind::InvalidInput {
        return Fail::new(ErrorKind::Tls, e.to_string());
    }
    if matches!(
        e.kind(),
        io::ErrorKind::UnexpectedEof
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::BrokenPipe
    ) {
        // Hung up instead of answering: not a certificate problem.
        return Fail::new(
            ErrorKind::Protocol,
            "the server closed the connection during the TLS handshake".to_string(),
        );
    }
    let reason = reason_of(&e);
    let mut f = Fail::new(ErrorKind::Tls, e.to_string());
    f.tls_reason = Some(reason);
    f
}

/// Names why a handshake failed, from the rustls error inside the io::Error.
pub(crate) fn reason_of(e: &io::Error) -> TlsReason {
    let Some(err) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) else {
        return TlsReason::Other;
    };
    match err {
        rustls::Error::InvalidCertificate(c) => match c {
            CertificateError::UnknownIssuer => TlsReason::UnknownIssuer,
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                TlsReason::NameMismatch
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                TlsReason::Expired
            }
            // A self-signed certificate (a CA certificate presented as the server's own): to
            // the user it is one no trusted authority signed. webpki's error type is not
            // re-exported by rustls, hence its name.
            CertificateError::Other(o) if format!("{o:?}").contains("CaUsedAsEndEntity") => {
                TlsReason::UnknownIssuer
            }
            _ => TlsReason::Other,
        },
        rustls::Error::PeerIncompatible(_)
        | rustls::Error::AlertReceived(rustls::AlertDescription::ProtocolVersion)
        | rustls::Error::AlertReceived(rustls::AlertDescription::HandshakeFailure) => {
            TlsReason::Incompatible
        }
        _ => TlsReason::Other,
    }
}
