use waypoint_onet::SecretString;

/// THE place the API key comes from. Today: env `ONET_API_KEY`.
///
/// PLUG-IN POINT: the `waypoint-secrets` crate (another engineer) will add a
/// keychain fallback here; keep this the only function that finds the key.
pub fn api_key() -> Option<SecretString> {
    std::env::var("ONET_API_KEY")
        .ok()
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .map(SecretString::from)
}
