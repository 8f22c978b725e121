use crate::AppError;

/// Sites the app may open in the system browser.
const ALLOWED_HOSTS: &[&str] = &[
    "www.mynextmove.org",
    "www.miproximopaso.org",
    "www.onetonline.org",
    "www.onetcenter.org",
    "services.onetcenter.org",
];

pub fn check_external(url: &str) -> Result<(), AppError> {
    let rest = url.strip_prefix("https://").ok_or_else(|| {
        AppError::new(
            waypoint_services::ErrorCode::OpenRefused,
            "Only https links to O*NET sites can be opened.",
        )
    })?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if ALLOWED_HOSTS.contains(&host) {
        Ok(())
    } else {
        Err(AppError::new(
            waypoint_services::ErrorCode::OpenRefused,
            format!("Waypoint only opens O*NET sites, not {host}."),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_onet_sites_are_opened() {
        assert!(check_external("https://www.mynextmove.org/profile/summary/15-1252.00").is_ok());
        assert!(check_external("https://www.miproximopaso.org/profile/summary/15-1252.00").is_ok());
        for bad in [
            "http://www.mynextmove.org/",
            "https://www.mynextmove.org.evil.example/",
            "https://evil.example/?https://www.mynextmove.org",
            "file:///etc/passwd",
            "javascript:alert(1)",
        ] {
            assert_eq!(
                check_external(bad).unwrap_err().code,
                waypoint_services::ErrorCode::OpenRefused,
                "{bad}"
            );
        }
    }
}
