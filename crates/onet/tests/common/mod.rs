#![allow(dead_code)]

use std::time::Duration;
use waypoint_onet::{Client, RetryPolicy, SecretString};
use waypoint_onet_testserver::{ServerConfig, TestServer};

/// Distinctive so a leak is easy to spot in any string.
pub const KEY: &str = "sekret-KEY-4f9a2c";
/// O*NET's documented 60-answer example.
pub const ANSWERS60: &str = "553421321134342523523523254115342111351145453111231155343444";

pub async fn server() -> TestServer {
    TestServer::start_with(ServerConfig {
        key: KEY.into(),
        ..ServerConfig::default()
    })
    .await
    .expect("test server starts")
}

/// Small delays so retry tests stay fast; jitter off for exact bounds.
pub fn fast_policy() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(100),
        max_retry_after: Duration::from_secs(5),
        jitter: false,
    }
}

pub fn client_for(server: &TestServer) -> Client {
    builder_for(server).build().unwrap()
}

pub fn builder_for(server: &TestServer) -> waypoint_onet::ClientBuilder {
    Client::builder()
        .base_url(server.base_url())
        .api_key(SecretString::from(KEY))
        .connect_timeout(Duration::from_secs(2))
        .request_timeout(Duration::from_secs(5))
        .retry_policy(fast_policy())
}
