//! Sign-in through the provider's own page (OAuth 2.0 for native apps, RFC 8252): PKCE (S256)
//! and a random `state`, the system browser, and a one-shot listener on `127.0.0.1` that takes
//! the code from the redirect — only a plain GET whose `state` matches; anything else is
//! refused and never exchanged. Token exchange and refresh go through the `oauth2` crate over
//! this project's reqwest client. Only the refresh token is ever stored (by the caller, in the
//! keyring); access tokens live in memory for one check.

use std::path::Path;
use std::time::Duration;

use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet, EndpointSet,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RefreshToken, Scope, TokenResponse, TokenUrl,
};
use secrecy::{ExposeSecret, SecretString};
use tokio::net::TcpListener;

use crate::catalog::{OAuth, Provider};

/// How long the browser sign-in may take before we stop waiting.
pub const SIGN_IN_TIMEOUT: Duration = Duration::from_secs(300);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OAuthError {
    /// This build has no client id for the provider (the distributor registers one).
    #[error("no OAuth client id for {0}")]
    NoClientId(String),
    /// The user said no on the provider's page (or closed the sign-in there).
    #[error("sign-in denied: {0}")]
    Denied(String),
    #[error("no sign-in within the time limit")]
    Timeout,
    /// The refresh token no longer works (revoked, expired, password changed): sign in again.
    #[error("the saved sign-in is no longer valid: {0}")]
    Revoked(String),
    #[error("sign-in failed: {0}")]
    Failed(String),
    /// The provider kept back the refresh token, so the sign-in could not be kept.
    #[error("the provider sent no refresh token")]
    NoRefreshToken,
    /// The user left the sign-in (the wizard's Cancel).
    #[error("sign-in cancelled")]
    Cancelled,
}

/// One provider's OAuth endpoints and client, ready to use.
#[derive(Clone, Debug)]
pub struct Config {
    pub authorize_url: String,
    pub token_url: String,
    pub scopes: Vec<String>,
    pub params: Vec<(String, String)>,
    pub client_id: String,
    pub client_secret: Option<SecretString>,
}

/// The client id embedded at build time (`MAILSETUP_OAUTH_MICROSOFT_CLIENT_ID=… cargo build`),
/// if any.
fn built_in_client_id(client: &str) -> Option<&'static str> {
    match client {
        "microsoft" => option_env!("MAILSETUP_OAUTH_MICROSOFT_CLIENT_ID"),
        "google" => option_env!("MAILSETUP_OAUTH_GOOGLE_CLIENT_ID"),
        _ => None,
    }
}

fn env(client: &str, what: &str) -> Option<String> {
    let name = format!("MAILSETUP_OAUTH_{}_{what}", client.to_ascii_uppercase());
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A distributor's OAuth client given outright (tests, a program embedding the wizard) instead
/// of the environment's.
#[derive(Clone, Debug)]
pub struct GivenClient {
    pub client_id: String,
    pub authorize_url: Option<String>,
    pub token_url: Option<String>,
}

/// The distributor's OAuth clients, by the catalog's `client` name (`microsoft`, `google`):
/// those given, else the environment's (`MAILSETUP_OAUTH_MICROSOFT_CLIENT_ID`…), else what was
/// embedded at build time. The default reads the environment.
#[derive(Clone, Debug, Default)]
pub struct Clients {
    given: Vec<(String, GivenClient)>,
    /// Only the clients given: not the environment's, not the build's.
    only_given: bool,
}

impl Clients {
    /// Exactly the clients given (none yet): a build without client ids, whatever the
    /// environment or the build embeds (tests of that case).
    pub fn only_given() -> Self {
        Self {
            given: Vec::new(),
            only_given: true,
        }
    }

    /// `client` used for the catalog's client `name`.
    pub fn with(mut self, name: &str, client: GivenClient) -> Self {
        self.given.retain(|(n, _)| n != name);
        self.given.push((name.to_string(), client));
        self
    }

    fn given(&self, name: &str) -> Option<&GivenClient> {
        self.given.iter().find(|(n, _)| n == name).map(|(_, c)| c)
    }
}

/// The provider's OAuth settings with the distributor's client id: from the environment at run
/// time, else embedded at build time. Endpoints can be overridden the same way
/// (`…_AUTHORIZE_URL`, `…_TOKEN_URL`: a single-tenant Microsoft registration, a national cloud).
pub fn config(provider: &Provider) -> Result<Config, OAuthError> {
    config_with(provider, &Clients::default())
}

/// [`config`], with the clients given taking the place of the environment's.
pub fn config_with(provider: &Provider, clients: &Clients) -> Result<Config, OAuthError> {
    let o: &OAuth = provider
        .oauth
        .as_ref()
        .ok_or_else(|| OAuthError::NoClientId(provider.id.clone()))?;
    let given = clients.given(&o.client);
    let own = || {
        env(&o.client, "CLIENT_ID").or_else(|| built_in_client_id(&o.client).map(str::to_string))
    };
    let client_id = given
        .map(|c| c.client_id.clone())
        .or_else(|| (!clients.only_given).then(own).flatten())
        .ok_or_else(|| OAuthError::NoClientId(o.client.clone()))?;
    let endpoint = |what: &str, g: Option<&String>, own: &String| {
        g.cloned()
            .or_else(|| env(&o.client, what))
            .unwrap_or_else(|| own.clone())
    };
    Ok(Config {
        authorize_url: endpoint(
            "AUTHORIZE_URL",
            given.and_then(|c| c.authorize_url.as_ref()),
            &o.authorize_url,
        ),
        token_url: endpoint(
            "TOKEN_URL",
            given.and_then(|c| c.token_url.as_ref()),
            &o.token_url,
        ),
        scopes: o.scopes.clone(),
        params: o
            .params
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        client_id,
        client_secret: env(&o.client, "CLIENT_SECRET").map(SecretString::from),
    })
}

type Client = BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

fn client(cfg: &Config, redirect: &str) -> Result<Client, OAuthError> {
    let bad = |e: oauth2::url::ParseError| OAuthError::Failed(e.to_string());
    let mut c = BasicClient::new(ClientId::new(cfg.client_id.clone()))
        .set_auth_uri(AuthUrl::new(cfg.authorize_url.clone()).map_err(bad)?)
        .set_token_uri(TokenUrl::new(cfg.token_url.clone()).map_err(bad)?)
        .set_redirect_uri(RedirectUrl::new(redirect.to_string()).map_err(bad)?);
    if let Some(s) = &cfg.client_secret {
        c = c.set_client_secret(ClientSecret::new(s.expose_secret().to_string()));
    }
    Ok(c)
}

/// An access token for one check, and the refresh token to keep (if the provider gave one).
#[derive(Clone)]
pub struct Tokens {
    pub access: SecretString,
    pub refresh: Option<SecretString>,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tokens(..)")
    }
}

/// The HTTPS client for the token endpoint: the probes' TLS roots (plus `--ca-file`), and no
/// redirects (a token request that is redirected could hand the code to someone else).
pub struct TokenClient(reqwest::Client);

impl TokenClient {
    pub fn new(ca_file: Option<&Path>) -> Result<Self, OAuthError> {
        let tls = crate::probe::tls::client_config(ca_file)
            .map_err(|e| OAuthError::Failed(e.to_string()))?;
        reqwest::Client::builder()
            .tls_backend_preconfigured((*tls).clone())
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .user_agent(concat!("mailsetup/", env!("CARGO_PKG_VERSION")))
            .build()
            .map(TokenClient)
            .map_err(|e| OAuthError::Failed(e.to_string()))
    }

    async fn send(&self, req: oauth2::HttpRequest) -> Result<oauth2::HttpResponse, HttpError> {
        let (parts, body) = req.into_parts();
        let resp = self
            .0
            .request(parts.method, parts.uri.to_string())
            .headers(parts.headers)
            .body(body)
            .send()
            .await
            .map_err(|e| HttpError(e.to_string()))?;
        let mut out = http::Response::builder().status(resp.status());
        for (k, v) in resp.headers() {
            out = out.header(k, v);
        }
        let body = resp.bytes().await.map_err(|e| HttpError(e.to_string()))?;
        out.body(body.to_vec())
            .map_err(|e| HttpError(e.to_string()))
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HttpError(String);

type HttpFuture<'c> = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<oauth2::HttpResponse, HttpError>> + Send + 'c>,
>;

/// oauth2's HTTP client, as a type (not a closure) so the sign-in future is `Send` and can run
/// on the window's executor.
impl<'c> oauth2::AsyncHttpClient<'c> for TokenClient {
    type Error = HttpError;
    type Future = HttpFuture<'c>;

    fn call(&'c self, request: oauth2::HttpRequest) -> Self::Future {
        Box::pin(self.send(request))
    }
}

/// A sign-in under way: the page to open, and the listener waiting for its redirect.
pub struct Pending {
    pub url: String,
    listener: TcpListener,
    state: CsrfToken,
    verifier: PkceCodeVerifier,
    redirect: String,
    config: Config,
}

/// The pages the browser shows after the redirect, in the user's language.
#[derive(Clone, Debug)]
pub struct Pages {
    pub done: String,
    pub denied: String,
    pub refused: String,
}

/// Starts a sign-in: a listener on a random loopback port, PKCE and `state`, and the
/// authorization URL to open.
pub async fn begin(config: Config) -> Result<Pending, OAuthError> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| OAuthError::Failed(e.to_string()))?;
    let port = listener
        .local_addr()
        .map_err(|e| OAuthError::Failed(e.to_string()))?
        .port();
    let redirect = format!("http://127.0.0.1:{port}/");
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let c = client(&config, &redirect)?;
    let mut request = c
        .authorize_url(CsrfToken::new_random)
        .add_scopes(config.scopes.iter().cloned().map(Scope::new))
        .set_pkce_challenge(challenge);
    for (k, v) in &config.params {
        request = request.add_extra_param(k.clone(), v.clone());
    }
    let (url, state) = request.url();
    Ok(Pending {
        url: url.to_string(),
        listener,
        state,
        verifier,
        redirect,
        config,
    })
}

/// What one request to the listener was.
enum Redirect {
    Code(String),
    Denied(String),
    /// Not ours: another path, a wrong or missing `state`, a request from a page (it carries
    /// an `Origin`), anything but GET.
    Refused,
}

impl Pending {
    /// The loopback port (tests use it to send forged requests).
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// Waits for the browser's redirect and exchanges its code for tokens. The listener is
    /// closed when this returns, whatever the outcome.
    pub async fn finish(
        self,
        pages: &Pages,
        http: &TokenClient,
        limit: Duration,
    ) -> Result<Tokens, OAuthError> {
        let code = tokio::time::timeout(limit, self.code(pages))
            .await
            .map_err(|_| OAuthError::Timeout)??;
        let c = client(&self.config, &self.redirect)?;
        let token = c
            .exchange_code(AuthorizationCode::new(code))
            .set_pkce_verifier(self.verifier)
            .request_async(http)
            .await
            .map_err(|e| OAuthError::Failed(describe(&e)))?;
        let t = tokens(&token);
        // Without it, every later check would need the browser again.
        if t.refresh.is_none() {
            return Err(OAuthError::NoRefreshToken);
        }
        Ok(t)
    }

    async fn code(&self, pages: &Pages) -> Result<String, OAuthError> {
        loop {
            let (mut stream, _, request) = crate::serve::accept(&self.listener).await;
            let redirect = request
                .map(|request| judge(&request, self.state.secret()))
                .unwrap_or(Redirect::Refused);
            let (status, body) = match &redirect {
                Redirect::Code(_) => ("200 OK", &pages.done),
                Redirect::Denied(_) => ("200 OK", &pages.denied),
                Redirect::Refused => ("400 Bad Request", &pages.refused),
            };
            let _ = respond(&mut stream, status, body).await;
            match redirect {
                Redirect::Code(c) => return Ok(c),
                Redirect::Denied(why) => return Err(OAuthError::Denied(why)),
                Redirect::Refused => continue,
            }
        }
    }
}

/// Decides on one request.
fn judge(request: &crate::serve::Request, state: &str) -> Redirect {
    // A page's script or form sends an Origin; the browser following the provider's redirect
    // does not.
    if request.method != "GET" || request.from_page {
        return Redirect::Refused;
    }
    let Ok(url) = reqwest::Url::parse(&format!("http://127.0.0.1{}", request.target)) else {
        return Redirect::Refused;
    };
    if url.path() != "/" {
        return Redirect::Refused;
    }
    let get = |k: &str| {
        url.query_pairs()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.into_owned())
    };
    // Compared in full; an attacker who knows the state could only hand us their own code.
    if get("state").as_deref() != Some(state) {
        return Redirect::Refused;
    }
    match (get("code"), get("error")) {
        (_, Some(error)) => Redirect::Denied(error),
        (Some(code), None) if !code.is_empty() => Redirect::Code(code),
        _ => Redirect::Refused,
    }
}

async fn respond(
    stream: &mut tokio::net::TcpStream,
    status: &str,
    text: &str,
) -> std::io::Result<()> {
    let body = crate::serve::page(text);
    let html = "text/html; charset=utf-8";
    crate::serve::reply(stream, status, html, "", body.as_bytes()).await
}

/// A new access token from the stored refresh token (before every re-test).
pub async fn refresh(
    config: &Config,
    refresh: &SecretString,
    http: &TokenClient,
) -> Result<Tokens, OAuthError> {
    // The redirect is not used by a refresh, but the client type wants one.
    let c = client(config, "http://127.0.0.1/")?;
    let token = c
        .exchange_refresh_token(&RefreshToken::new(refresh.expose_secret().to_string()))
        .request_async(http)
        .await
        .map_err(|e| {
            let text = describe(&e);
            if text.contains("invalid_grant") {
                OAuthError::Revoked(text)
            } else {
                OAuthError::Failed(text)
            }
        })?;
    let mut t = tokens(&token);
    // Providers may keep the refresh token the same and not send it again.
    if t.refresh.is_none() {
        t.refresh = Some(refresh.clone());
    }
    Ok(t)
}

fn tokens(t: &oauth2::basic::BasicTokenResponse) -> Tokens {
    Tokens {
        access: SecretString::from(t.access_token().secret().clone()),
        refresh: t
            .refresh_token()
            .map(|r| SecretString::from(r.secret().clone())),
    }
}

/// The token endpoint's error code and description, never a token.
fn describe<E: std::error::Error>(
    e: &oauth2::RequestTokenError<E, oauth2::basic::BasicErrorResponse>,
) -> String {
    match e {
        oauth2::RequestTokenError::ServerResponse(r) => {
            let mut s = r.error().to_string();
            if let Some(d) = r.error_description() {
                s.push_str(": ");
                s.push_str(d);
            }
            s
        }
        oauth2::RequestTokenError::Request(e) => format!("request: {e}"),
        oauth2::RequestTokenError::Parse(e, _) => format!("unexpected answer: {e}"),
        oauth2::RequestTokenError::Other(e) => e.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    /// Without the distributor's client id, there is no sign-in (and no code screen behind
    /// the button); the catalog's endpoints are what Microsoft and Google publish.
    #[test]
    fn sign_in_needs_the_distributors_client_id() {
        let c = Catalog::builtin();
        let outlook = c.by_id("outlook").expect("outlook");
        let o = outlook.oauth.as_ref().expect("oauth data");
        assert!(
            o.scopes
                .iter()
                .any(|s| s.ends_with("IMAP.AccessAsUser.All"))
        );
        assert!(o.scopes.iter().any(|s| s == "offline_access"));
        let gmail = c
            .by_id("gmail")
            .and_then(|p| p.oauth.as_ref())
            .expect("gmail oauth");
        assert_eq!(gmail.scopes, ["https://mail.google.com/"]);
        if std::env::var_os("MAILSETUP_OAUTH_MICROSOFT_CLIENT_ID").is_none()
            && built_in_client_id("microsoft").is_none()
        {
            assert_eq!(
                config(outlook).err(),
                Some(OAuthError::NoClientId("microsoft".into()))
            );
        }
        assert!(config(c.by_id("qq").expect("qq")).is_err());
    }

    fn judge_head(head: &str, state: &str) -> Redirect {
        crate::serve::parse_head(head).map_or(Redirect::Refused, |r| judge(&r, state))
    }

    #[test]
    fn only_our_own_redirect_is_taken() {
        let ok = "GET /?code=abc&state=s3cr3t HTTP/1.1\r\nHost: 127.0.0.1:5555\r\n\r\n";
        assert!(matches!(judge_head(ok, "s3cr3t"), Redirect::Code(c) if c == "abc"));
        let denied = "GET /?error=access_denied&state=s3cr3t HTTP/1.1\r\n\r\n";
        assert!(
            matches!(judge_head(denied, "s3cr3t"), Redirect::Denied(e) if e == "access_denied")
        );
        for forged in [
            "GET /?code=abc&state=other HTTP/1.1\r\n\r\n",
            "GET /?code=abc HTTP/1.1\r\n\r\n",
            "POST /?code=abc&state=s3cr3t HTTP/1.1\r\n\r\n",
            "GET /other?code=abc&state=s3cr3t HTTP/1.1\r\n\r\n",
            "GET /?code=abc&state=s3cr3t HTTP/1.1\r\nOrigin: https://evil.example\r\n\r\n",
            "GET /?code=&state=s3cr3t HTTP/1.1\r\n\r\n",
            "garbage",
        ] {
            assert!(
                matches!(judge_head(forged, "s3cr3t"), Redirect::Refused),
                "{forged}"
            );
        }
    }
}
