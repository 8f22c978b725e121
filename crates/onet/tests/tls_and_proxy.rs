//! Managed networks, all on loopback: a TLS endpoint whose certificate comes from a throwaway
//! CA (as a school's content filter re-signs traffic with its own root), trusted only when that
//! CA is in the OS store, and a CONNECT proxy picked up from `HTTPS_PROXY`.
//!
//! Environment variables are process-wide, so every step that sets one is in the single test
//! below, in order (this file is its own test binary).

mod common;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::rustls;
use waypoint_onet::{Client, SecretString};

/// A TLS front for the plain test server, with a leaf for 127.0.0.1 signed by a new CA.
struct TlsFront {
    addr: SocketAddr,
    ca_pem: String,
    /// TCP connections accepted (each one is a handshake attempt).
    connections: Arc<AtomicUsize>,
}

async fn tls_front(backend: SocketAddr) -> TlsFront {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "Waypoint test content filter CA");
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();

    let leaf_key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["127.0.0.1".to_string()])
        .unwrap()
        .signed_by(&leaf_key, &ca)
        .unwrap();

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![leaf.der().clone(), ca.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into()),
        )
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let connections = Arc::new(AtomicUsize::new(0));
    let count = connections.clone();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            count.fetch_add(1, Ordering::SeqCst);
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                // A refused handshake ends here; that is the point of some steps.
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let Ok(mut plain) = TcpStream::connect(backend).await else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    TlsFront {
        addr,
        ca_pem: ca.pem(),
        connections,
    }
}

/// A minimal HTTP CONNECT proxy that records each target it is asked for.
async fn connect_proxy() -> (SocketAddr, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let log = log.clone();
            tokio::spawn(async move {
                let mut client = BufReader::new(tcp);
                let mut request_line = String::new();
                if client.read_line(&mut request_line).await.is_err() {
                    return;
                }
                // Headers up to the blank line; nothing follows until we answer.
                loop {
                    let mut header = String::new();
                    match client.read_line(&mut header).await {
                        Ok(n) if n > 0 && header != "\r\n" => continue,
                        _ => break,
                    }
                }
                let mut parts = request_line.split_whitespace();
                let (Some("CONNECT"), Some(target)) = (parts.next(), parts.next()) else {
                    let _ = client
                        .write_all(b"HTTP/1.1 405 Method Not Allowed\r\n\r\n")
                        .await;
                    return;
                };
                log.lock().unwrap().push(target.to_string());
                let Ok(mut upstream) = TcpStream::connect(target).await else {
                    let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n").await;
                    return;
                };
                if client
                    .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    .await
                    .is_err()
                {
                    return;
                }
                let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
            });
        }
    });
    (addr, seen)
}

fn client_to(base: &str) -> Client {
    Client::builder()
        .base_url(base)
        .api_key(SecretString::from(common::KEY))
        // Generous: Windows takes about 2 s to report a refused loopback connection (step 5).
        .connect_timeout(Duration::from_secs(10))
        .request_timeout(Duration::from_secs(15))
        .retry_policy(common::fast_policy())
        .build()
        .unwrap()
}

const PROXY_VARS: [&str; 8] = [
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
];

#[tokio::test]
async fn os_trust_store_and_env_proxy() {
    // Start from a known environment whatever the machine running the tests has set.
    for var in PROXY_VARS.iter().chain(&["SSL_CERT_FILE", "SSL_CERT_DIR"]) {
        std::env::remove_var(var);
    }
    let server = common::server().await;
    let front = tls_front(server.addr()).await;
    let base = format!("https://{}/", front.addr);

    // 1. The filter's CA is in neither the bundled roots nor this machine's store: a clear
    //    certificate error, counted as "cannot reach O*NET", and not asked again.
    let e = client_to(&base).about().await.unwrap_err();
    assert_eq!(e.code(), "network.certificate", "{e:?}");
    assert!(e.is_offline(), "the app falls back to offline data");
    assert!(!e.is_retryable());
    assert!(!e.to_string().contains(common::KEY));
    assert_eq!(
        front.connections.load(Ordering::SeqCst),
        1,
        "a refused certificate is not retried"
    );
    assert!(server.requests().is_empty(), "nothing reached O*NET");

    // 2. The CA installed in the OS store (SSL_CERT_FILE is the store rustls-native-certs
    //    reads on Linux): the same endpoint is trusted.
    let dir = std::env::temp_dir().join(format!("waypoint-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ca_file = dir.join("ca.pem");
    std::fs::write(&ca_file, &front.ca_pem).unwrap();
    std::env::set_var("SSL_CERT_FILE", &ca_file);
    let about = client_to(&base)
        .about()
        .await
        .expect("trusted through the OS store");
    assert!(!about.database.name.is_empty());
    assert_eq!(server.requests_to("about").len(), 1);

    // 3. HTTPS_PROXY: the request goes through the proxy as a CONNECT tunnel to the endpoint.
    let (proxy, seen) = connect_proxy().await;
    std::env::set_var("HTTPS_PROXY", format!("http://{proxy}"));
    client_to(&base).about().await.expect("through the proxy");
    assert_eq!(*seen.lock().unwrap(), vec![front.addr.to_string()]);
    assert_eq!(server.requests_to("about").len(), 2);

    // 4. NO_PROXY naming the host: straight there, the proxy sees nothing new.
    std::env::set_var("NO_PROXY", "127.0.0.1");
    client_to(&base).about().await.expect("direct");
    assert_eq!(seen.lock().unwrap().len(), 1, "NO_PROXY bypasses the proxy");
    assert_eq!(server.requests_to("about").len(), 3);

    // 5. A proxy that is set but down is "cannot reach O*NET", not a certificate problem.
    std::env::remove_var("NO_PROXY");
    let dead = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let dead_addr = dead.local_addr().unwrap();
    drop(dead);
    std::env::set_var("HTTPS_PROXY", format!("http://{dead_addr}"));
    let e = client_to(&base).about().await.unwrap_err();
    assert_eq!(e.code(), "network.offline", "{e:?}");
    assert_eq!(server.requests_to("about").len(), 3);

    for var in PROXY_VARS.iter().chain(&["SSL_CERT_FILE"]) {
        std::env::remove_var(var);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
